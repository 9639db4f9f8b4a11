import { newNotAcceptable } from '../errors/request-errors.js';
import type { StatusError } from '../errors/status-error.js';
import type { KubeObject, ListMeta } from '../meta.js';
import type { MetaGroupVersion, PartialObjectMetadata, PartialObjectMetadataList } from './types.js';

/*
 * The `as=PartialObjectMetadata` and `as=PartialObjectMetadataList` conversions of
 * k8s.io/apiserver/pkg/endpoints/handlers/response.go (v0.35): the object's whole metadata
 * under meta.k8s.io's kind.
 */

const META_GROUP_VERSIONS: readonly string[] = ['meta.k8s.io/v1', 'meta.k8s.io/v1beta1'];

function checkGroupVersion(groupVersion: string, kind: string): asserts groupVersion is MetaGroupVersion {
  if (!META_GROUP_VERSIONS.includes(groupVersion)) {
    throw newNotAcceptable(`no ${kind} exists in group version ${groupVersion}`);
  }
}

/** meta.AsPartialObjectMetadata: `{kind: 'PartialObjectMetadata', apiVersion, metadata}`. */
export function toPartialObjectMetadata(object: KubeObject, groupVersion: string = 'meta.k8s.io/v1'): PartialObjectMetadata {
  checkGroupVersion(groupVersion, 'PartialObjectMetadataList');
  return { kind: 'PartialObjectMetadata', apiVersion: groupVersion, metadata: { ...(object.metadata ?? {}) } };
}

/** A list as the server lists it: its items and list metadata. */
export interface ObjectList {
  metadata?: ListMeta;
  items: readonly KubeObject[];
}

/** The ListMeta fields a converted list keeps (resourceVersion, continue, remainingItemCount). */
export function listMeta(meta: ListMeta | undefined): ListMeta {
  const out: ListMeta = {};
  if (meta?.resourceVersion) out.resourceVersion = meta.resourceVersion;
  if (meta?.continue) out.continue = meta.continue;
  if (meta?.remainingItemCount !== undefined && meta.remainingItemCount !== null) out.remainingItemCount = meta.remainingItemCount;
  return out;
}

/**
 * asPartialObjectMetadataList: each item's metadata, and the list's resourceVersion, continue
 * and remainingItemCount. An empty list has `items: []`.
 */
export function toPartialObjectMetadataList(list: ObjectList, groupVersion: string = 'meta.k8s.io/v1'): PartialObjectMetadataList {
  checkGroupVersion(groupVersion, 'PartialObjectMetadataList');
  return {
    kind: 'PartialObjectMetadataList',
    apiVersion: groupVersion,
    metadata: listMeta(list.metadata),
    items: list.items.map((item) => toPartialObjectMetadata(item, groupVersion)),
  };
}

/** The 406 the server answers when `as=PartialObjectMetadata` is asked of a list. */
export function partialObjectMetadataOfListError(listType: string): StatusError {
  return newNotAcceptable(`you requested PartialObjectMetadata, but the requested object is a list (${listType})`);
}

/** The 406 the server answers when `as=PartialObjectMetadataList` is asked of a single object. */
export function partialObjectMetadataListOfObjectError(objectType: string): StatusError {
  return newNotAcceptable(`you requested PartialObjectMetadataList, but the requested object is not a list (${objectType})`);
}
