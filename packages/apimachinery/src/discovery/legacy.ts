import { compareGoStrings } from '../errors/go-format.js';
import type {
  APIGroup,
  APIGroupList,
  APIResource,
  APIResourceList,
  APIVersions,
  ApiResourceInfo,
  GroupVersionForDiscovery,
  GroupVersionPriorities,
} from './types.js';
import { orderGroupsLegacy } from './version-order.js';

/*
 * The unaggregated discovery documents, shaped as kube-apiserver serves them (apiserver
 * endpoints/discovery legacy.go, group.go, version.go and kube-aggregator handler_apis.go, v0.35):
 * `/api` and `/api/v1` without apiVersion (the core group's encoder strips it), the rest with
 * `apiVersion: v1`; `/apis` leaves out the core group.
 */

/** `/api`: `{kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{clientCIDR: '0.0.0.0/0', serverAddress}]}`. */
export function apiVersions(serverAddress: string, versions: readonly string[] = ['v1']): APIVersions {
  return {
    kind: 'APIVersions',
    versions: [...versions],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** The served group versions, grouped: group → versions. */
export function groupVersionsOf(resources: readonly ApiResourceInfo[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const { group, version } of resources) {
    const versions = groups.get(group) ?? [];
    if (!versions.includes(version)) versions.push(version);
    groups.set(group, versions);
  }
  return groups;
}

function versionFor(group: string, version: string): GroupVersionForDiscovery {
  return { groupVersion: group ? `${group}/${version}` : version, version };
}

function groupDocument(group: string, versions: readonly string[]): APIGroup {
  const list = versions.map((version) => versionFor(group, version));
  return { name: group, versions: list, preferredVersion: list[0] ?? versionFor(group, '') };
}

/** `/apis`: every named group, ordered by priority as the kube-aggregator orders them; preferred version first. */
export function apiGroupList(resources: readonly ApiResourceInfo[], priorities?: GroupVersionPriorities): APIGroupList {
  const named = new Map([...groupVersionsOf(resources)].filter(([group]) => group !== ''));
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: orderGroupsLegacy(named, priorities).map(([group, versions]) => groupDocument(group, versions)),
  };
}

/** `/apis/{group}`: the group's versions, or `undefined` when it serves none (the server answers 404). */
export function apiGroup(resources: readonly ApiResourceInfo[], group: string, priorities?: GroupVersionPriorities): APIGroup | undefined {
  const versions = groupVersionsOf(resources).get(group);
  if (!versions || group === '') return undefined;
  const [ordered] = orderGroupsLegacy(new Map([[group, versions]]), priorities);
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupDocument(group, ordered?.[1] ?? versions) };
}

function mainEntry(info: ApiResourceInfo): APIResource {
  const entry: APIResource = {
    name: info.resource,
    singularName: info.singularName,
    namespaced: info.namespaced,
    kind: info.kind,
    verbs: [...info.verbs],
  };
  if (info.shortNames && info.shortNames.length > 0) entry.shortNames = [...info.shortNames];
  if (info.categories && info.categories.length > 0) entry.categories = [...info.categories];
  if (info.storageVersionHash) entry.storageVersionHash = info.storageVersionHash;
  return entry;
}

function subresourceEntries(info: ApiResourceInfo): APIResource[] {
  return (info.subresources ?? []).map((sub) => ({
    name: `${info.resource}/${sub.name}`,
    singularName: '',
    namespaced: info.namespaced,
    ...(sub.group !== undefined ? { group: sub.group } : {}),
    ...(sub.version !== undefined ? { version: sub.version } : {}),
    kind: sub.kind,
    verbs: [...sub.verbs],
  }));
}

/**
 * `/api/v1`, `/apis/{group}/{version}`: the resources of one group version and their subresources
 * (`pods/status`, `deployments/scale` with group autoscaling…), sorted by name as the installer
 * registers them; `undefined` when the group version serves nothing (404).
 */
export function apiResourceList(resources: readonly ApiResourceInfo[], group: string, version: string): APIResourceList | undefined {
  const served = resources.filter((info) => info.group === group && info.version === version);
  if (served.length === 0) return undefined;
  const entries = served.flatMap((info) => [mainEntry(info), ...subresourceEntries(info)]);
  entries.sort((a, b) => compareGoStrings(a.name, b.name));
  const groupVersion = group ? `${group}/${version}` : version;
  return group ? { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources: entries } : { kind: 'APIResourceList', groupVersion, resources: entries };
}
