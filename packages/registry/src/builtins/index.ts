import type { ResourceDefinition } from '../resource-definition.js';
import { customResourceDefinitions } from './apiextensions-crd.js';
import { daemonSets } from './apps-daemonset.js';
import { deployments } from './apps-deployment.js';
import { replicaSets } from './apps-replicaset.js';
import { statefulSets } from './apps-statefulset.js';
import { selfSubjectReviews } from './authentication-reviews.js';
import {
  localSubjectAccessReviews,
  selfSubjectAccessReviews,
  selfSubjectRulesReviews,
  subjectAccessReviews,
} from './authorization-reviews.js';
import { cronJobs } from './batch-cronjob.js';
import { jobs } from './batch-job.js';
import { leases } from './coordination-lease.js';
import { configMaps } from './core-configmap.js';
import { apiServices } from './apiregistration-apiservice.js';
import { controllerRevisions } from './apps-controllerrevision.js';
import { endpoints } from './core-endpoints.js';
import { replicationControllers } from './core-replicationcontroller.js';
import { endpointSlices } from './discovery-endpointslice.js';
import { events } from './core-event.js';
import { limitRanges } from './core-limitrange.js';
import { namespaces } from './core-namespace.js';
import { nodes } from './core-node.js';
import { persistentVolumes } from './core-persistentvolume.js';
import { persistentVolumeClaims } from './core-persistentvolumeclaim.js';
import { pods } from './core-pod.js';
import { resourceQuotas } from './core-resourcequota.js';
import { secrets } from './core-secret.js';
import { serviceAccounts } from './core-serviceaccount.js';
import { services } from './core-service.js';
import { eventsV1 } from './events-event.js';
import { ingresses } from './networking-ingress.js';
import { ipAddresses } from './networking-ipaddress.js';
import { serviceCIDRs } from './networking-servicecidr.js';
import { podDisruptionBudgets } from './policy-poddisruptionbudget.js';
import { clusterRoleBindings, roleBindings } from './rbac-rolebinding.js';
import { clusterRoles, roles } from './rbac-role.js';
import { priorityClasses } from './scheduling-priorityclass.js';
import { storageClasses } from './storage-storageclass.js';

/**
 * The built-in catalogue, in the order discovery lists it: `/api/v1` sorts its resources by name,
 * and the groups follow the kube-apiserver's group priority (apiregistration.k8s.io, apps, events.k8s.io,
 * authentication.k8s.io, authorization.k8s.io, batch, networking.k8s.io, policy,
 * rbac.authorization.k8s.io, storage.k8s.io, scheduling.k8s.io, coordination.k8s.io,
 * apiextensions.k8s.io, discovery.k8s.io), each
 * group's resources by name too.
 */
export const builtinResources: readonly ResourceDefinition[] = [
  configMaps,
  endpoints,
  events,
  limitRanges,
  namespaces,
  nodes,
  persistentVolumeClaims,
  persistentVolumes,
  pods,
  replicationControllers,
  resourceQuotas,
  secrets,
  serviceAccounts,
  services,
  apiServices,
  controllerRevisions,
  daemonSets,
  deployments,
  replicaSets,
  statefulSets,
  eventsV1,
  selfSubjectReviews,
  localSubjectAccessReviews,
  selfSubjectAccessReviews,
  selfSubjectRulesReviews,
  subjectAccessReviews,
  cronJobs,
  jobs,
  ingresses,
  ipAddresses,
  serviceCIDRs,
  podDisruptionBudgets,
  clusterRoleBindings,
  clusterRoles,
  roleBindings,
  roles,
  storageClasses,
  priorityClasses,
  leases,
  customResourceDefinitions,
  endpointSlices,
] as readonly ResourceDefinition[];
