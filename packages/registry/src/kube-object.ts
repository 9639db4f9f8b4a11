import { type StoredObject, toJsonCopy } from '@kubekit/store';

export interface OwnerReferenceLike {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** The metadata fields the registry reads and writes (meta/v1 ObjectMeta). */
export interface ObjectMetaLike {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReferenceLike[];
  managedFields?: readonly unknown[];
  [key: string]: unknown;
}

/** Any Kubernetes object: TypeMeta plus ObjectMeta plus whatever the kind carries. */
export interface KubeObject extends StoredObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMetaLike;
  spec?: unknown;
  status?: unknown;
}

/** A mutable deep copy with JSON's meaning (stored objects are frozen; objects are JSON on the wire). */
export function deepCopy<T>(value: T): T {
  return toJsonCopy(value) as T;
}

/**
 * The same copy, but `metadata.managedFields` shared as it is: the registry only reads the
 * entries and replaces the list, never changes it, and it is often as large as the rest.
 */
export function copyForWrite<T extends KubeObject>(object: T): T {
  const managedFields = object.metadata?.managedFields;
  if (managedFields === undefined) return deepCopy(object);
  const { metadata, ...rest } = object;
  const { managedFields: _shared, ...meta } = metadata!;
  const copy = deepCopy({ ...rest, metadata: meta }) as T;
  copy.metadata!.managedFields = managedFields;
  return copy;
}

/** Objects handed to a write for it to change in place, each for one use. */
const handedOver = new WeakSet<object>();

/**
 * Hands a new object to the next write that takes it (a decoded request body, which nothing
 * else holds): that write changes it in place instead of copying it first. Only once: a write
 * that starts again must be given a new object.
 */
export function handOver<T extends KubeObject>(object: T): T {
  handedOver.add(object);
  return object;
}

/** What a write may change: the object itself if it was handed over, else a copy (copyForWrite). */
export function writable<T extends KubeObject>(object: T): T {
  return handedOver.delete(object) ? object : copyForWrite(object);
}
