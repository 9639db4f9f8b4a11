import { compareGoStrings } from '../errors/go-format.js';
import { groupVersionsOf } from './legacy.js';
import type {
  APIGroupDiscovery,
  APIGroupDiscoveryList,
  APIResourceDiscovery,
  APISubresourceDiscovery,
  ApiResourceInfo,
  DiscoveryVersion,
  GroupVersionPriorities,
} from './types.js';
import { orderGroupsAggregated } from './version-order.js';

/*
 * Aggregated discovery, `/api` and `/apis` answered with an APIGroupDiscoveryList
 * (apiserver endpoints/installer.go ConvertGroupVersionIntoToDiscovery and
 * endpoints/discovery/aggregated/handler.go, apiextensions-apiserver for custom resources; v0.35).
 */

export interface AggregatedDiscoveryOptions {
  /** `v2` (default) or `v2beta1`; the documents are the same but for apiVersion. */
  version?: DiscoveryVersion;
  priorities?: GroupVersionPriorities;
}

function subresourceDiscovery(info: ApiResourceInfo): APISubresourceDiscovery[] {
  return [...(info.subresources ?? [])]
    .sort((a, b) => compareGoStrings(a.name, b.name))
    .map((sub) => ({
      subresource: sub.name,
      responseKind: {
        group: sub.group ?? (info.qualifiedResponseKind ? info.group : ''),
        version: sub.version ?? (info.qualifiedResponseKind ? info.version : ''),
        kind: sub.kind,
      },
      verbs: [...sub.verbs],
    }));
}

function resourceDiscovery(info: ApiResourceInfo): APIResourceDiscovery {
  const entry: APIResourceDiscovery = {
    resource: info.resource,
    responseKind: {
      group: info.qualifiedResponseKind ? info.group : '',
      version: info.qualifiedResponseKind ? info.version : '',
      kind: info.kind,
    },
    scope: info.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: info.singularName,
    verbs: [...info.verbs],
  };
  if (info.shortNames && info.shortNames.length > 0) entry.shortNames = [...info.shortNames];
  if (info.categories && info.categories.length > 0) entry.categories = [...info.categories];
  const subresources = subresourceDiscovery(info);
  if (subresources.length > 0) entry.subresources = subresources;
  return entry;
}

/**
 * The APIGroupDiscoveryList for `/api` (the core group only, `metadata: {}`) or `/apis` (every
 * named group): groups by priority, versions preferred first, resources and subresources by
 * name, every version `freshness: Current`.
 */
export function aggregatedDiscovery(
  resources: readonly ApiResourceInfo[],
  root: 'api' | 'apis',
  options: AggregatedDiscoveryOptions = {},
): APIGroupDiscoveryList {
  const all = groupVersionsOf(resources);
  const selected = new Map([...all].filter(([group]) => (root === 'api' ? group === '' : group !== '')));
  const items = orderGroupsAggregated(selected, options.priorities).map(
    ([group, versions]): APIGroupDiscovery => ({
      metadata: group ? { name: group } : {},
      versions: versions.map((version) => {
        const served = resources
          .filter((info) => info.group === group && info.version === version)
          .sort((a, b) => compareGoStrings(a.resource, b.resource))
          .map(resourceDiscovery);
        return served.length > 0 ? { version, resources: served, freshness: 'Current' } : { version, freshness: 'Current' };
      }),
    }),
  );
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${options.version ?? 'v2'}`,
    metadata: {},
    items,
  };
}
