import { describe, expect, it } from 'vitest';
import { compareKubeAwareVersions, orderGroupsAggregated, orderGroupsLegacy } from './version-order.js';

// version.CompareKubeAwareVersionStrings (k8s.io/apimachinery/pkg/version/helpers.go) and the
// group orders of kube-aggregator (SortedByGroupAndVersion) and aggregated discovery (v0.35).
describe('compareKubeAwareVersions', () => {
  it('sorts versions as the real server ranks them', () => {
    const versions = ['v11alpha2', 'foo10', 'v10', 'v12alpha1', 'v3beta1', 'foo1', 'v2', 'v1', 'v10beta3', 'v11beta2', 'v1beta1'];
    expect(versions.sort((a, b) => -compareKubeAwareVersions(a, b))).toEqual([
      'v10',
      'v2',
      'v1',
      'v11beta2',
      'v10beta3',
      'v3beta1',
      'v1beta1',
      'v12alpha1',
      'v11alpha2',
      'foo1',
      'foo10',
    ]);
    expect(compareKubeAwareVersions('v1', 'v1')).toBe(0);
  });
});

describe('group order', () => {
  const groups = new Map([
    ['b.example', ['v1']],
    ['a.example', ['v2', 'v1beta1']],
    ['apps', ['v1']],
  ]);

  it('puts higher priorities first and prefers the highest version', () => {
    const priorities = { 'apps/v1': { group: 17800, version: 15 } };
    expect(orderGroupsAggregated(groups, priorities)).toEqual([
      ['apps', ['v1']],
      ['a.example', ['v2', 'v1beta1']],
      ['b.example', ['v1']],
    ]);
  });

  it('breaks priority ties by group name in aggregated discovery, by APIService name in /apis', () => {
    // APIService names are "<version>.<group>": v1.b.example sorts before v1beta1.a.example.
    expect(orderGroupsLegacy(groups).map(([group]) => group)).toEqual(['apps', 'b.example', 'a.example']);
    expect(orderGroupsAggregated(groups).map(([group]) => group)).toEqual(['a.example', 'apps', 'b.example']);
  });

  it('lets version priority override the version order', () => {
    const priorities = { 'a.example/v1beta1': { group: 1000, version: 200 } };
    expect(orderGroupsLegacy(new Map([['a.example', ['v2', 'v1beta1']]]), priorities)).toEqual([['a.example', ['v1beta1', 'v2']]]);
    expect(orderGroupsAggregated(new Map([['a.example', ['v2', 'v1beta1']]]), priorities)).toEqual([['a.example', ['v1beta1', 'v2']]]);
  });

  it('ranks a group by the highest priority among its versions', () => {
    const priorities = { 'x/v1beta1': { group: 20000, version: 1 } };
    const order = orderGroupsAggregated(
      new Map([
        ['apps', ['v1']],
        ['x', ['v1', 'v1beta1']],
      ]),
      { ...priorities, 'apps/v1': { group: 17800, version: 15 } },
    );
    expect(order).toEqual([
      ['x', ['v1', 'v1beta1']],
      ['apps', ['v1']],
    ]);
  });
});
