import { compareGoStrings } from '../errors/go-format.js';
import type { GroupVersionPriorities, GroupVersionPriority } from './types.js';

/*
 * The order of groups and versions in discovery: version.CompareKubeAwareVersionStrings
 * (k8s.io/apimachinery/pkg/version/helpers.go), the kube-aggregator's SortedByGroupAndVersion
 * (legacy /apis) and the aggregated discovery manager's sort (apiserver
 * endpoints/discovery/aggregated/handler.go), v0.35.
 */

/** What an APIService for a CRD gets (apiextensions-apiserver crdregistration): group 1000, version 100. */
export const DEFAULT_PRIORITY: GroupVersionPriority = { group: 1000, version: 100 };

const KUBE_VERSION = /^v([0-9]+)(?:(alpha|beta)([0-9]+))?$/;

function parseKubeVersion(version: string): { major: number; type: number; minor: number } | undefined {
  const match = KUBE_VERSION.exec(version);
  if (!match) return undefined;
  const type = match[2] === 'alpha' ? 0 : match[2] === 'beta' ? 1 : 2;
  return { major: Number(match[1]), type, minor: type === 2 ? 0 : Number(match[3]) };
}

/**
 * CompareKubeAwareVersionStrings: positive when `a` ranks before `b`. GA > beta > alpha, then
 * higher numbers; Kube-like versions rank above others, which compare in reverse string order.
 */
export function compareKubeAwareVersions(a: string, b: string): number {
  if (a === b) return 0;
  const left = parseKubeVersion(a);
  const right = parseKubeVersion(b);
  if (!left && !right) return compareGoStrings(b, a);
  if (!left) return -1;
  if (!right) return 1;
  if (left.type !== right.type) return left.type - right.type;
  if (left.major !== right.major) return left.major - right.major;
  return left.minor - right.minor;
}

export function priorityOf(priorities: GroupVersionPriorities | undefined, group: string, version: string): GroupVersionPriority {
  const key = group ? `${group}/${version}` : version;
  return (priorities && Object.hasOwn(priorities, key) ? priorities[key] : undefined) ?? DEFAULT_PRIORITY;
}

function sortVersions(group: string, versions: string[], priorities: GroupVersionPriorities | undefined): string[] {
  return versions.sort((a, b) => {
    const pa = priorityOf(priorities, group, a).version;
    const pb = priorityOf(priorities, group, b).version;
    if (pa !== pb) return pb - pa;
    return -compareKubeAwareVersions(a, b);
  });
}

/** Groups (with their versions, preferred first) in the order of the legacy `/apis` APIGroupList. */
export function orderGroupsLegacy(groupVersions: ReadonlyMap<string, readonly string[]>, priorities?: GroupVersionPriorities): [string, string[]][] {
  // APIServices sorted by groupPriorityMinimum (highest first), then by name `<version>.<group>`.
  const services = [...groupVersions].flatMap(([group, versions]) =>
    versions.map((version) => ({ group, version, priority: priorityOf(priorities, group, version).group, name: `${version}.${group}` })),
  );
  services.sort((a, b) => (a.priority !== b.priority ? b.priority - a.priority : compareGoStrings(a.name, b.name)));
  const order: [string, string[]][] = [];
  for (const service of services) {
    const entry = order.find(([group]) => group === service.group);
    if (entry) entry[1].push(service.version);
    else order.push([service.group, [service.version]]);
  }
  for (const entry of order) sortVersions(entry[0], entry[1], priorities);
  return order;
}

/** Groups (with their versions, preferred first) in the order of aggregated discovery. */
export function orderGroupsAggregated(groupVersions: ReadonlyMap<string, readonly string[]>, priorities?: GroupVersionPriorities): [string, string[]][] {
  // A group ranks by the highest groupPriorityMinimum of its versions, then by name.
  const groups = [...groupVersions].map(([group, versions]): [string, string[], number] => [
    group,
    sortVersions(group, [...versions], priorities),
    Math.max(...versions.map((version) => priorityOf(priorities, group, version).group)),
  ]);
  groups.sort((a, b) => (a[2] !== b[2] ? b[2] - a[2] : compareGoStrings(a[0], b[0])));
  return groups.map(([group, versions]) => [group, versions]);
}
