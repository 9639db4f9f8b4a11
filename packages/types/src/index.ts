/**
 * `@kubekit/types`: TypeScript types of the built-in kinds, the field facts table (JSON names,
 * types, protobuf numbers, patch strategies), and a decoder that reads JSON as the apiserver does.
 * Importing it loads no schema library; zod schemas and OpenAPI are in `@kubekit/types/schema`.
 */
export * from './gvk.js';
export type * from './json.js';
export * from './well-known.js';
export type * from './facts/model.js';
export { getTypeFacts, requireTypeFacts, findKind, listKinds, structIdsOf } from './facts/lookup.js';
export { APPLY_MARKERS, type ApplyFieldMarkers, type ApplyTypeMarkers } from './generated/apply-markers.js';
export { SPECIAL_TYPE_IDS, specialKindOf, type SpecialKind } from './facts/special-types.js';
export { decodeObject, decodeStruct, type DecodeError, type DecodeOptions, type DecodeResult } from './decode/decode-object.js';

export type * from './generated/types/index.js';
export type { Quantity } from './generated/types/resource.js';
export type { IntOrString } from './generated/types/intstr.js';
export type { RawExtension } from './generated/types/runtime.js';
export type {
  APIResourceList,
  Condition,
  DeleteOptions,
  FieldsV1,
  LabelSelector,
  LabelSelectorRequirement,
  ListMeta,
  ManagedFieldsEntry,
  MicroTime,
  ObjectMeta,
  OwnerReference,
  Status,
  StatusCause,
  StatusDetails,
  Time,
  TypeMeta,
  WatchEvent,
} from './generated/types/meta-v1.js';
export type {
  ConfigMap,
  Container,
  ContainerPort,
  ContainerState,
  ContainerStatus,
  EndpointAddress,
  EndpointSubset,
  Endpoints,
  EnvVar,
  Event,
  Namespace,
  Node,
  NodeSelectorRequirement,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  PodCondition,
  PodList,
  PodSpec,
  PodStatus,
  PodTemplateSpec,
  Secret,
  Service,
  ServiceAccount,
  ServicePort,
  ServiceSpec,
  Taint,
  Toleration,
  Volume,
} from './generated/types/core-v1.js';
export type {
  ControllerRevision,
  DaemonSet,
  DaemonSetStatus,
  Deployment,
  DeploymentCondition,
  DeploymentList,
  DeploymentSpec,
  DeploymentStatus,
  ReplicaSet,
  ReplicaSetStatus,
  StatefulSet,
  StatefulSetStatus,
} from './generated/types/apps-v1.js';
export type { CronJob, CronJobStatus, Job, JobCondition, JobStatus } from './generated/types/batch-v1.js';
export type { Ingress, NetworkPolicy } from './generated/types/networking-v1.js';
export type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from './generated/types/rbac-v1.js';
export type { Lease } from './generated/types/coordination-v1.js';
export type { Endpoint, EndpointSlice } from './generated/types/discovery-v1.js';
