import { describe, expect, it } from 'vitest';
import { aggregatedDiscovery } from './aggregated.js';
import { PRIORITIES, RESOURCES } from './fixtures.test-util.js';

// Shape of apidiscovery.k8s.io/v2 as kube-apiserver serves it: apiserver endpoints/installer.go
// ConvertGroupVersionIntoToDiscovery (built-in responseKinds leave group and version empty),
// apiextensions-apiserver customresource_discovery_controller.go (custom resources fill them)
// and endpoints/discovery/aggregated/handler.go (ordering), v0.35.
describe('aggregatedDiscovery', () => {
  it('answers /api with the core group only', () => {
    const list = aggregatedDiscovery(RESOURCES, 'api');
    expect(list).toEqual({
      kind: 'APIGroupDiscoveryList',
      apiVersion: 'apidiscovery.k8s.io/v2',
      metadata: {},
      items: [
        {
          metadata: {},
          versions: [
            {
              version: 'v1',
              resources: [
                {
                  resource: 'namespaces',
                  responseKind: { group: '', version: '', kind: 'Namespace' },
                  scope: 'Cluster',
                  singularResource: 'namespace',
                  verbs: expect.any(Array),
                  shortNames: ['ns'],
                },
                {
                  resource: 'pods',
                  responseKind: { group: '', version: '', kind: 'Pod' },
                  scope: 'Namespaced',
                  singularResource: 'pod',
                  verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
                  shortNames: ['po'],
                  categories: ['all'],
                  subresources: [
                    { subresource: 'eviction', responseKind: { group: 'policy', version: 'v1', kind: 'Eviction' }, verbs: ['create'] },
                    { subresource: 'log', responseKind: { group: '', version: '', kind: 'Pod' }, verbs: ['get'] },
                    { subresource: 'status', responseKind: { group: '', version: '', kind: 'Pod' }, verbs: ['get', 'patch', 'update'] },
                  ],
                },
              ],
              freshness: 'Current',
            },
          ],
        },
      ],
    });
    expect(Object.keys(list.items[0]?.versions[0]?.resources?.[1] ?? {})).toEqual([
      'resource',
      'responseKind',
      'scope',
      'singularResource',
      'verbs',
      'shortNames',
      'categories',
      'subresources',
    ]);
  });

  it('answers /apis with named groups by priority and versions preferred first', () => {
    const list = aggregatedDiscovery(RESOURCES, 'apis', { priorities: PRIORITIES });
    expect(list.items.map((item) => [item.metadata.name, item.versions.map((v) => v.version)])).toEqual([
      ['apps', ['v1']],
      ['batch', ['v1', 'v1beta1']],
      ['hello.zeng.dev', ['v1']],
    ]);
    expect(list.items[0]?.versions[0]?.resources?.[0]?.subresources).toEqual([
      { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] },
      { subresource: 'status', responseKind: { group: '', version: '', kind: 'Deployment' }, verbs: ['get', 'patch', 'update'] },
    ]);
  });

  it('names group and version in the responseKinds of custom resources', () => {
    const foos = aggregatedDiscovery(RESOURCES, 'apis').items.find((item) => item.metadata.name === 'hello.zeng.dev');
    expect(foos?.versions[0]?.resources?.[0]).toEqual({
      resource: 'foos',
      responseKind: { group: 'hello.zeng.dev', version: 'v1', kind: 'Foo' },
      scope: 'Namespaced',
      singularResource: 'foo',
      verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
      shortNames: ['fo'],
      subresources: [{ subresource: 'status', responseKind: { group: 'hello.zeng.dev', version: 'v1', kind: 'Foo' }, verbs: ['get', 'patch', 'update'] }],
    });
  });

  it('serves v2beta1 with the same documents', () => {
    const beta = aggregatedDiscovery(RESOURCES, 'apis', { version: 'v2beta1', priorities: PRIORITIES });
    const v2 = aggregatedDiscovery(RESOURCES, 'apis', { priorities: PRIORITIES });
    expect(beta.apiVersion).toBe('apidiscovery.k8s.io/v2beta1');
    expect(beta.items).toEqual(v2.items);
  });

  it('has no items when nothing is served', () => {
    expect(aggregatedDiscovery([], 'apis')).toEqual({ kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items: [] });
  });
});
