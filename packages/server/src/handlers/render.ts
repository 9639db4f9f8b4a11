import { type MetaGroupVersion, parseIncludeObject, toPartialObjectMetadata } from '@kubekit/apimachinery';
import { type KubeObject, type ResourceDefinition, convertToTable } from '@kubekit/registry';
import type { ListResult, StoredItem } from '@kubekit/store';
import type { ApiResponse } from '../api-request.js';
import type { Representation } from '../negotiation.js';
import { jsonText, jsonValue } from '../respond.js';

export const metaGroupVersion = (version: 'v1' | 'v1beta1'): MetaGroupVersion => `meta.k8s.io/${version}`;

/** One object as the client asked for it: its cached JSON, YAML, a one-row Table or its metadata. */
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
      return jsonText(status, item.json, representation);
  }
}

function listMetadata(result: ListResult<KubeObject>): string {
  return JSON.stringify({
    resourceVersion: String(result.resourceVersion),
    ...(result.continue && { continue: result.continue }),
    ...(result.remainingItemCount !== undefined && { remainingItemCount: result.remainingItemCount }),
  });
}

/**
 * A list page. The JSON form is assembled from each item's cached bytes (serialize once:
 * a list never re-encodes its objects).
 */
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
          metadata: JSON.parse(metadata),
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
          metadata: JSON.parse(metadata),
          items: result.items.map((item) => toPartialObjectMetadata(item.object, metaGroupVersion(representation.version))),
        },
        representation,
        'PartialObjectMetadataList',
      );
    default: {
      const listKind = definition.listKind ?? `${definition.kind}List`;
      const items = result.items.map((item) => item.json).join(',');
      return jsonText(200, `{"kind":"${listKind}","apiVersion":"${apiVersion}","metadata":${metadata},"items":[${items}]}`, representation);
    }
  }
}
