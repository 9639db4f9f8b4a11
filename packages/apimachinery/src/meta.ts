/**
 * The few meta/v1 shapes this package reads and writes, as plain interfaces
 * (k8s.io/apimachinery/pkg/apis/meta/v1/types.go). Kept local so the package stands on its own.
 */

/** A resource in a group: `{ group: 'apps', resource: 'deployments' }`; the core group is `''`. */
export interface GroupResource {
  group: string;
  resource: string;
}

/** A kind in a group: `{ group: 'apps', kind: 'Deployment' }`; the core group is `''`. */
export interface GroupKind {
  group: string;
  kind: string;
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** ListMeta, as lists, tables and Status carry it. */
export interface ListMeta {
  selfLink?: string;
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

/** ObjectMeta, loosely: the fields this package reads, plus whatever else an object carries. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string | null;
  deletionTimestamp?: string | null;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

/** Any Kubernetes object: apiVersion, kind, metadata and the rest. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  key: string;
  /** One of {@link LabelSelectorOperator}; anything else is rejected when converted. */
  operator: string;
  values?: string[];
}

/** metav1.LabelSelector, as Deployments, Services' selectors in other kinds and PDBs carry it. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** metav1.StatusReason: why a request failed; `''` is StatusReasonUnknown. */
export type StatusReason =
  | ''
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Invalid'
  | 'ServerTimeout'
  | 'StorageReadError'
  | 'Timeout'
  | 'TooManyRequests'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'InternalError'
  | 'Expired'
  | 'ServiceUnavailable';

/** metav1.StatusCause; `reason` is the cause type (`FieldValueRequired`, …). */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** metav1.Status: the body of every error the API server answers with. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: ListMeta;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code?: number;
}
