import { type MetaGroupVersion, parseIncludeObject, toPartialObjectMetadata } from '@kubekit/apimachinery';
import { type KubeObject, type ResourceDefinition, convertToTable } from '@kubekit/registry';
import type { ListResult, StoredItem } from '@kubekit/store';
import type { ApiResponse } from '../api-request.js';
import type { Representation } from '../negotiation.js';
import { jsonValue, storedList, storedObject } from '../respond.js';

export const metaGroupVersion = (version: 'v1' | 'v1beta1'): MetaGroupVersion => `meta.k8s.io/${version}`;

/** One object as the client asked for it: its cached JSON bytes, YAML, protobuf, a one-row Table or its metadata. */
export function renderItem(
  status: number,
  item: StoredItem<KubeObject>,
  representation: Representation,
  definition: ResourceDefinition,
  query: URLSearchParams,
  now: number,
): ApiResponse {
  switch (representation.format) {
    case 'table':
      return jsonValue(status, convertToTable(definition, [item], { now, includeObject: parseIncludeObject(query.get('includeObject')), groupVersion: metaGroupVersion(representation.version) }), representation);
    case 'partial':
      return jsonValue(status, toPartialObjectMetadata(item.object, metaGroupVersion(representation.version)), representation);
    default:
      return storedObject(status, item, representation);
  }
}

function listMetadata(result: ListResult<KubeObject>): Record<string, unknown> {
  return {
    resourceVersion: String(result.resourceVersion),
    ...(result.continue && { continue: result.continue }),
    ...(result.remainingItemCount !== undefined && { remainingItemCount: result.remainingItemCount }),
  };
}

/** A list page: a Table, metadata only, or the items' cached bytes (a list never re-encodes its objects). */
export function renderList(
  result: ListResult<KubeObject>,
  representation: Representation,
  definition: ResourceDefinition,
  apiVersion: string,
  query: URLSearchParams,
  now: number,
): ApiResponse {
  const metadata = listMetadata(result);
  switch (representation.format) {
    case 'table':
      return jsonValue(
        200,
        convertToTable(definition, result.items, {
          now,
          includeObject: parseIncludeObject(query.get('includeObject')),
          metadata,
          groupVersion: metaGroupVersion(representation.version),
        }),
        representation,
      );
    case 'partial':
      return jsonValue(
        200,
        {
          kind: 'PartialObjectMetadataList',
          apiVersion: `meta.k8s.io/${representation.version}`,
          metadata,
          items: result.items.map((item) => toPartialObjectMetadata(item.object, metaGroupVersion(representation.version))),
        },
        representation,
        'PartialObjectMetadataList',
      );
    default:
      return storedList({ kind: definition.listKind ?? `${definition.kind}List`, apiVersion, metadata }, result.items, representation);
  }
}
