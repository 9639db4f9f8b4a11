import type { ApiResourceInfo, GroupVersionPriorities } from './types.js';

/** A small catalogue shaped like kube-apiserver's, shared by the discovery tests. */
const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const STATUS = ['get', 'patch', 'update'];

export const RESOURCES: ApiResourceInfo[] = [
  {
    group: '',
    version: 'v1',
    resource: 'pods',
    singularName: 'pod',
    kind: 'Pod',
    namespaced: true,
    verbs: CRUD,
    shortNames: ['po'],
    categories: ['all'],
    storageVersionHash: 'xPOwRZ+Yhw8=',
    subresources: [
      { name: 'status', kind: 'Pod', verbs: STATUS },
      { name: 'log', kind: 'Pod', verbs: ['get'] },
      { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
    ],
  },
  { group: '', version: 'v1', resource: 'namespaces', singularName: 'namespace', kind: 'Namespace', namespaced: false, verbs: CRUD, shortNames: ['ns'] },
  {
    group: 'apps',
    version: 'v1',
    resource: 'deployments',
    singularName: 'deployment',
    kind: 'Deployment',
    namespaced: true,
    verbs: CRUD,
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: [
      { name: 'status', kind: 'Deployment', verbs: STATUS },
      { name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: STATUS },
    ],
  },
  { group: 'batch', version: 'v1', resource: 'jobs', singularName: 'job', kind: 'Job', namespaced: true, verbs: CRUD },
  { group: 'batch', version: 'v1beta1', resource: 'cronjobs', singularName: 'cronjob', kind: 'CronJob', namespaced: true, verbs: CRUD },
  {
    group: 'hello.zeng.dev',
    version: 'v1',
    resource: 'foos',
    singularName: 'foo',
    kind: 'Foo',
    namespaced: true,
    verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
    shortNames: ['fo'],
    subresources: [{ name: 'status', kind: 'Foo', verbs: STATUS }],
    qualifiedResponseKind: true,
  },
];

/** A subset of kube-apiserver's DefaultGenericAPIServicePriorities and its kube-specific ones. */
export const PRIORITIES: GroupVersionPriorities = {
  v1: { group: 18000, version: 1 },
  'apps/v1': { group: 17800, version: 15 },
  'batch/v1': { group: 17400, version: 15 },
  'batch/v1beta1': { group: 17400, version: 9 },
};
