import type { GroupVersionKind } from './gvk.js';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** OpenAPI ids of the meta/v1 types every API server deals with. */
export const META_V1_IDS = {
  ObjectMeta: `${META}.ObjectMeta`,
  ListMeta: `${META}.ListMeta`,
  TypeMeta: `${META}.TypeMeta`,
  OwnerReference: `${META}.OwnerReference`,
  ManagedFieldsEntry: `${META}.ManagedFieldsEntry`,
  LabelSelector: `${META}.LabelSelector`,
  Condition: `${META}.Condition`,
  Status: `${META}.Status`,
  StatusDetails: `${META}.StatusDetails`,
  StatusCause: `${META}.StatusCause`,
  DeleteOptions: `${META}.DeleteOptions`,
  ListOptions: `${META}.ListOptions`,
  GetOptions: `${META}.GetOptions`,
  CreateOptions: `${META}.CreateOptions`,
  UpdateOptions: `${META}.UpdateOptions`,
  PatchOptions: `${META}.PatchOptions`,
  WatchEvent: `${META}.WatchEvent`,
  APIResourceList: `${META}.APIResourceList`,
  APIGroupList: `${META}.APIGroupList`,
  APIGroup: `${META}.APIGroup`,
  APIVersions: `${META}.APIVersions`,
  Table: `${META}.Table`,
  PartialObjectMetadata: `${META}.PartialObjectMetadata`,
  PartialObjectMetadataList: `${META}.PartialObjectMetadataList`,
} as const;

export const STATUS_GVK: GroupVersionKind = { group: '', version: 'v1', kind: 'Status' };

/**
 * meta/v1 kinds the apiserver registers in every group version (`metav1.AddToGroupVersion`):
 * a DeleteOptions body may say `apiVersion: apps/v1`.
 */
export const KINDS_IN_EVERY_GROUP_VERSION: ReadonlySet<string> = new Set([
  'WatchEvent',
  'ListOptions',
  'GetOptions',
  'DeleteOptions',
  'CreateOptions',
  'UpdateOptions',
  'PatchOptions',
]);
