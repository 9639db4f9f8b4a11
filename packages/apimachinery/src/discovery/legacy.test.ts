import { describe, expect, it } from 'vitest';
import { PRIORITIES, RESOURCES } from './fixtures.test-util.js';
import { apiGroup, apiGroupList, apiResourceList, apiVersions } from './legacy.js';

// Shapes of kube-apiserver's unaggregated discovery: apiserver endpoints/discovery legacy.go,
// version.go, group.go (stripVersion for the core group) and kube-aggregator handler_apis.go (v0.35).
describe('legacy discovery', () => {
  it('answers /api with APIVersions', () => {
    expect(apiVersions('10.0.0.1:6443')).toEqual({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.1:6443' }],
    });
    expect(JSON.stringify(apiVersions('127.0.0.1:8080'))).toBe(
      '{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1:8080"}]}',
    );
  });

  it('answers /apis with the named groups by priority, preferred version first', () => {
    expect(apiGroupList(RESOURCES, PRIORITIES)).toEqual({
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [
        {
          name: 'apps',
          versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
          preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
        },
        {
          name: 'batch',
          versions: [
            { groupVersion: 'batch/v1', version: 'v1' },
            { groupVersion: 'batch/v1beta1', version: 'v1beta1' },
          ],
          preferredVersion: { groupVersion: 'batch/v1', version: 'v1' },
        },
        {
          name: 'hello.zeng.dev',
          versions: [{ groupVersion: 'hello.zeng.dev/v1', version: 'v1' }],
          preferredVersion: { groupVersion: 'hello.zeng.dev/v1', version: 'v1' },
        },
      ],
    });
  });

  it('answers /apis/{group} with APIGroup, and nothing for the core or an unknown group', () => {
    expect(apiGroup(RESOURCES, 'batch', PRIORITIES)).toEqual({
      kind: 'APIGroup',
      apiVersion: 'v1',
      name: 'batch',
      versions: [
        { groupVersion: 'batch/v1', version: 'v1' },
        { groupVersion: 'batch/v1beta1', version: 'v1beta1' },
      ],
      preferredVersion: { groupVersion: 'batch/v1', version: 'v1' },
    });
    expect(apiGroup(RESOURCES, '')).toBeUndefined();
    expect(apiGroup(RESOURCES, 'nope')).toBeUndefined();
  });

  it('answers /api/v1 without apiVersion, resources and subresources sorted by name', () => {
    const list = apiResourceList(RESOURCES, '', 'v1');
    expect(list).toEqual({
      kind: 'APIResourceList',
      groupVersion: 'v1',
      resources: [
        { name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', verbs: expect.any(Array), shortNames: ['ns'] },
        {
          name: 'pods',
          singularName: 'pod',
          namespaced: true,
          kind: 'Pod',
          verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
          shortNames: ['po'],
          categories: ['all'],
          storageVersionHash: 'xPOwRZ+Yhw8=',
        },
        { name: 'pods/eviction', singularName: '', namespaced: true, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] },
        { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] },
        { name: 'pods/status', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get', 'patch', 'update'] },
      ],
    });
    expect(Object.keys(list?.resources[2] ?? {})).toEqual(['name', 'singularName', 'namespaced', 'group', 'version', 'kind', 'verbs']);
  });

  it('answers /apis/apps/v1 with apiVersion and deployments/scale in autoscaling/v1', () => {
    expect(apiResourceList(RESOURCES, 'apps', 'v1')).toEqual({
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: 'apps/v1',
      resources: [
        expect.objectContaining({ name: 'deployments', singularName: 'deployment', shortNames: ['deploy'], categories: ['all'] }),
        { name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] },
        { name: 'deployments/status', singularName: '', namespaced: true, kind: 'Deployment', verbs: ['get', 'patch', 'update'] },
      ],
    });
    expect(apiResourceList(RESOURCES, 'apps', 'v2')).toBeUndefined();
  });
});
