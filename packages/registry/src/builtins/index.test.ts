import { describe, expect, it } from 'vitest';
import { ALL_VERBS, apiVersionOf } from '../resource-definition.js';
import { builtinResources } from './index.js';

/** `kubectl api-resources` of a real 1.35 cluster, for the kinds served here, in its order. */
const API_RESOURCES = [
  ['configmaps', 'cm', 'v1', true, 'ConfigMap'],
  ['endpoints', 'ep', 'v1', true, 'Endpoints'],
  ['events', 'ev', 'v1', true, 'Event'],
  ['limitranges', 'limits', 'v1', true, 'LimitRange'],
  ['namespaces', 'ns', 'v1', false, 'Namespace'],
  ['nodes', 'no', 'v1', false, 'Node'],
  ['persistentvolumeclaims', 'pvc', 'v1', true, 'PersistentVolumeClaim'],
  ['persistentvolumes', 'pv', 'v1', false, 'PersistentVolume'],
  ['pods', 'po', 'v1', true, 'Pod'],
  ['replicationcontrollers', 'rc', 'v1', true, 'ReplicationController'],
  ['resourcequotas', 'quota', 'v1', true, 'ResourceQuota'],
  ['secrets', '', 'v1', true, 'Secret'],
  ['serviceaccounts', 'sa', 'v1', true, 'ServiceAccount'],
  ['services', 'svc', 'v1', true, 'Service'],
  ['apiservices', '', 'apiregistration.k8s.io/v1', false, 'APIService'],
  ['controllerrevisions', '', 'apps/v1', true, 'ControllerRevision'],
  ['daemonsets', 'ds', 'apps/v1', true, 'DaemonSet'],
  ['deployments', 'deploy', 'apps/v1', true, 'Deployment'],
  ['replicasets', 'rs', 'apps/v1', true, 'ReplicaSet'],
  ['statefulsets', 'sts', 'apps/v1', true, 'StatefulSet'],
  ['events', 'ev', 'events.k8s.io/v1', true, 'Event'],
  ['selfsubjectreviews', '', 'authentication.k8s.io/v1', false, 'SelfSubjectReview'],
  ['localsubjectaccessreviews', '', 'authorization.k8s.io/v1', true, 'LocalSubjectAccessReview'],
  ['selfsubjectaccessreviews', '', 'authorization.k8s.io/v1', false, 'SelfSubjectAccessReview'],
  ['selfsubjectrulesreviews', '', 'authorization.k8s.io/v1', false, 'SelfSubjectRulesReview'],
  ['subjectaccessreviews', '', 'authorization.k8s.io/v1', false, 'SubjectAccessReview'],
  ['cronjobs', 'cj', 'batch/v1', true, 'CronJob'],
  ['jobs', '', 'batch/v1', true, 'Job'],
  ['ingresses', 'ing', 'networking.k8s.io/v1', true, 'Ingress'],
  ['ipaddresses', '', 'networking.k8s.io/v1', false, 'IPAddress'],
  ['servicecidrs', '', 'networking.k8s.io/v1', false, 'ServiceCIDR'],
  ['poddisruptionbudgets', 'pdb', 'policy/v1', true, 'PodDisruptionBudget'],
  ['clusterrolebindings', '', 'rbac.authorization.k8s.io/v1', false, 'ClusterRoleBinding'],
  ['clusterroles', '', 'rbac.authorization.k8s.io/v1', false, 'ClusterRole'],
  ['rolebindings', '', 'rbac.authorization.k8s.io/v1', true, 'RoleBinding'],
  ['roles', '', 'rbac.authorization.k8s.io/v1', true, 'Role'],
  ['storageclasses', 'sc', 'storage.k8s.io/v1', false, 'StorageClass'],
  ['priorityclasses', 'pc', 'scheduling.k8s.io/v1', false, 'PriorityClass'],
  ['leases', '', 'coordination.k8s.io/v1', true, 'Lease'],
  ['customresourcedefinitions', 'crd,crds', 'apiextensions.k8s.io/v1', false, 'CustomResourceDefinition'],
  ['endpointslices', '', 'discovery.k8s.io/v1', true, 'EndpointSlice'],
];

describe('the built-in catalogue', () => {
  it('lists the kinds as kubectl api-resources does', () => {
    const listed = builtinResources.map((d) => [d.resource, (d.shortNames ?? []).join(','), apiVersionOf(d), d.namespaced, d.kind]);
    expect(listed).toEqual(API_RESOURCES);
  });

  it('has the real verbs, categories and subresources', () => {
    const find = (group: string, resource: string) => builtinResources.find((d) => d.group === group && d.resource === resource)!;
    expect(find('', 'namespaces').verbs).toEqual(['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']);
    const reviews = builtinResources.filter((d) => d.ephemeral).map((d) => d.resource);
    expect(reviews).toEqual(['selfsubjectreviews', 'localsubjectaccessreviews', 'selfsubjectaccessreviews', 'selfsubjectrulesreviews', 'subjectaccessreviews']);
    for (const definition of builtinResources.filter((d) => d.ephemeral)) expect(definition.verbs).toEqual(['create']);
    for (const definition of builtinResources.filter((d) => d.resource !== 'namespaces' && !d.ephemeral)) expect(definition.verbs ?? ALL_VERBS).toEqual(ALL_VERBS);
    const all = builtinResources.filter((d) => d.categories?.includes('all')).map((d) => d.resource);
    expect(all).toEqual(['pods', 'replicationcontrollers', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'cronjobs', 'jobs']);
    const withStatus = builtinResources.filter((d) => d.statusSubresource).map((d) => d.resource);
    expect(withStatus).toEqual([
      'namespaces', 'nodes', 'persistentvolumeclaims', 'persistentvolumes', 'pods', 'replicationcontrollers', 'resourcequotas', 'services',
      'apiservices', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'cronjobs', 'jobs', 'ingresses', 'servicecidrs', 'poddisruptionbudgets',
      'customresourcedefinitions',
    ]);
    // An action without a group and version has its resource's.
    const actions = builtinResources.flatMap((d) =>
      (d.actions ?? []).map((action) => `${d.resource}/${action.name} ${action.group ?? d.group}/${action.version ?? d.version} ${action.kind}`),
    );
    expect(actions).toEqual(['pods/binding /v1 Binding', 'pods/eviction policy/v1 Eviction', 'pods/log /v1 Pod', 'serviceaccounts/token authentication.k8s.io/v1 TokenRequest']);
    expect(builtinResources.filter((d) => d.scale).map((d) => d.resource)).toEqual(['replicationcontrollers', 'deployments', 'replicasets', 'statefulsets']);
    const deleteAnswersObject = builtinResources.filter((d) => d.returnDeletedObject).map((d) => d.resource);
    expect(deleteAnswersObject).toEqual(['namespaces', 'persistentvolumeclaims', 'persistentvolumes', 'pods', 'resourcequotas', 'serviceaccounts', 'services', 'storageclasses']);
  });
});
