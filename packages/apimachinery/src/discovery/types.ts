import type { GroupVersionKind } from '../meta.js';

/*
 * A neutral description of served resources, and the discovery documents built from it:
 * meta/v1 APIVersions, APIGroupList, APIGroup, APIResourceList (k8s.io/apimachinery
 * pkg/apis/meta/v1/types.go) and apidiscovery.k8s.io/v2 and v2beta1 APIGroupDiscoveryList
 * (k8s.io/api/apidiscovery, v0.35). Fields are declared in the order the server writes them.
 */

/** A subresource: `status`, `scale` (autoscaling/v1 Scale), `log`, `eviction` (policy/v1 Eviction), … */
export interface SubresourceInfo {
  name: string;
  /** The kind it answers with (`Pod` for pods/status, `Scale`, `Eviction`); may be `''`. */
  kind: string;
  /** Only when it differs from the parent's group, e.g. `autoscaling` for `deployments/scale`. */
  group?: string;
  version?: string;
  verbs: string[];
}

/** One resource of one group version. */
export interface ApiResourceInfo {
  /** `''` for the core (legacy) group. */
  group: string;
  version: string;
  /** The plural, lower-case resource name: `pods`. */
  resource: string;
  singularName: string;
  kind: string;
  namespaced: boolean;
  /** In the order to print; built-in kinds list them sorted. */
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: SubresourceInfo[];
  storageVersionHash?: string;
  /**
   * True for custom resources: their aggregated discovery names the group and version in
   * `responseKind`, as apiextensions-apiserver does. Built-in kinds leave them empty.
   */
  qualifiedResponseKind?: boolean;
}

/** The order of a group version among the others (an APIService's groupPriorityMinimum and versionPriority). */
export interface GroupVersionPriority {
  group: number;
  version: number;
}

/** Priorities keyed by group version (`v1`, `apps/v1`); unlisted ones rank as CRDs do (1000, 100). */
export type GroupVersionPriorities = Readonly<Record<string, GroupVersionPriority>>;

export interface ServerAddressByClientCIDR {
  clientCIDR: string;
  serverAddress: string;
}

export interface APIVersions {
  kind: 'APIVersions';
  versions: string[];
  serverAddressByClientCIDRs: ServerAddressByClientCIDR[];
}

export interface GroupVersionForDiscovery {
  groupVersion: string;
  version: string;
}

export interface APIGroup {
  kind?: 'APIGroup';
  apiVersion?: 'v1';
  name: string;
  versions: GroupVersionForDiscovery[];
  preferredVersion: GroupVersionForDiscovery;
  serverAddressByClientCIDRs?: ServerAddressByClientCIDR[];
}

export interface APIGroupList {
  kind: 'APIGroupList';
  apiVersion: 'v1';
  groups: APIGroup[];
}

export interface APIResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  storageVersionHash?: string;
}

export interface APIResourceList {
  kind: 'APIResourceList';
  /** Absent for the core group's `/api/v1`, as the real server strips it. */
  apiVersion?: 'v1';
  groupVersion: string;
  resources: APIResource[];
}

export type DiscoveryVersion = 'v2' | 'v2beta1';

export interface APISubresourceDiscovery {
  subresource: string;
  responseKind: GroupVersionKind;
  verbs: string[];
}

export interface APIResourceDiscovery {
  resource: string;
  responseKind: GroupVersionKind;
  scope: 'Namespaced' | 'Cluster';
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: APISubresourceDiscovery[];
}

export interface APIVersionDiscovery {
  version: string;
  resources?: APIResourceDiscovery[];
  freshness: 'Current' | 'Stale';
}

export interface APIGroupDiscovery {
  /** `{}` for the core group, `{ name }` for the others. */
  metadata: { name?: string };
  versions: APIVersionDiscovery[];
}

export interface APIGroupDiscoveryList {
  kind: 'APIGroupDiscoveryList';
  apiVersion: `apidiscovery.k8s.io/${DiscoveryVersion}`;
  metadata: Record<string, never>;
  items: APIGroupDiscovery[];
}
