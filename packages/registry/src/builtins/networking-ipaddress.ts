import { isIP } from 'node:net';
import { type FieldError, fieldRequired, fieldInvalid, isDNS1123Subdomain, validatePathSegmentName } from '@kubekit/apimachinery';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { validateImmutable } from './field-checks.js';

/** What an IPAddress object says of its owner (networking.k8s.io/v1 ParentReference). */
export interface ParentReference {
  group?: string;
  resource?: string;
  namespace?: string;
  name?: string;
}

export interface IPAddressObject extends KubeObject {
  spec?: { parentRef?: ParentReference };
}

/** The canonical text of an IPv6 address (RFC 5952: lower case, the longest run of zero groups as `::`). */
function canonicalIPv6(address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

/**
 * ValidateIPAddressName (validation.IsValidIP): an IPAddress is named by its address, written as
 * Go's net.IP writes it.
 */
export function ipAddressNameMessages(name: string): string[] {
  const family = isIP(name);
  if (family === 4) return [];
  if (family === 0) {
    if (/^\d+\.\d+\.\d+\.\d+$/.test(name) && name.split('.').every((part) => Number(part) <= 255)) return ['must not have leading 0s'];
    return ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'];
  }
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(name) || /^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/i.test(name)) return ['must not be an IPv4-mapped IPv6 address'];
  const canonical = canonicalIPv6(name);
  return canonical === name ? [] : [`must be in canonical form ("${canonical}")`];
}

/** validateIPAddressParentReference: a parent is required, with its resource and name. */
function validateParentRef(ref: ParentReference | undefined): FieldError[] {
  if (!ref) return [fieldRequired('spec.parentRef', '')];
  const errors: FieldError[] = [];
  if (ref.group) for (const message of isDNS1123Subdomain(ref.group)) errors.push(fieldInvalid('spec.parentRef.group', ref.group, message));
  for (const [field, value] of [['resource', ref.resource], ['name', ref.name]] as const) {
    if (!value) errors.push(fieldRequired(`spec.parentRef.${field}`, ''));
    else for (const message of validatePathSegmentName(value, false)) errors.push(fieldInvalid(`spec.parentRef.${field}`, value, message));
  }
  if (ref.namespace) for (const message of validatePathSegmentName(ref.namespace, false)) errors.push(fieldInvalid('spec.parentRef.namespace', ref.namespace, message));
  return errors;
}

/** printIPAddress's PARENTREF: `services/default/web` (the group after the resource, the namespace when there is one). */
function parentRefCell(ipAddress: IPAddressObject): string {
  const ref = ipAddress.spec?.parentRef;
  if (!ref) return '<none>';
  const resource = (ref.group ? `${ref.resource ?? ''}.${ref.group}` : (ref.resource ?? '')).toLowerCase();
  return `${resource}${ref.namespace ? `/${ref.namespace}` : ''}/${ref.name ?? ''}`;
}

/**
 * networking.k8s.io/v1 IPAddress: one per Service cluster IP in use, named by the address and
 * pointing at its Service; the registry's allocator creates and deletes them (service-cluster-ips.ts).
 */
export const ipAddresses: ResourceDefinition<IPAddressObject> = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'IPAddress',
  resource: 'ipaddresses',
  singular: 'ipaddress',
  namespaced: false,
  nameRule: 'ip-address',
  // printIPAddress has no AGE: its third cell has no column, and kubectl drops it.
  columns: [
    { name: 'ParentRef', type: 'string', description: 'ParentRef references the resource that an IPAddress is attached to. An IPAddress must reference a parent object.', cell: parentRefCell },
  ],
  strategy: {
    validate: (ipAddress) => validateParentRef(ipAddress.spec?.parentRef),
    validateUpdate: (ipAddress, old) => validateImmutable(ipAddress.spec?.parentRef, old.spec?.parentRef, 'spec.parentRef'),
  },
};
