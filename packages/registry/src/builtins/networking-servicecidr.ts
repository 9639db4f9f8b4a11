import { isIP } from 'node:net';
import { type FieldError, fieldInvalid, fieldRequired } from '@kubekit/apimachinery';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';
import { validateImmutable } from './field-checks.js';

export interface ServiceCIDR extends KubeObject {
  spec?: { cidrs?: string[] };
  status?: { conditions?: { type?: string; status?: string; reason?: string; message?: string; lastTransitionTime?: string }[] };
}

/** The name of the ServiceCIDR the server keeps for its own range (`--service-cluster-ip-range`). */
export const DEFAULT_SERVICE_CIDR_NAME = 'kubernetes';

/** The IP family of a CIDR in canonical form, or undefined for anything else (IsValidCIDR). */
function cidrFamily(cidr: string): 4 | 6 | undefined {
  const [address = '', bits, ...rest] = cidr.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0 || bits === undefined || !/^\d+$/.test(bits) || Number(bits) > (family === 4 ? 32 : 128)) return undefined;
  return family === 4 ? 4 : 6;
}

/** validateServiceCIDRSpec: one or two CIDRs, at most one of each family. */
function validateCIDRs(cidrs: readonly string[] | undefined): FieldError[] {
  if (!cidrs?.length) return [fieldRequired('spec.cidrs', 'at least one CIDR required')];
  if (cidrs.length > 2) return [fieldInvalid('spec.cidrs', cidrs, 'may only hold up to 2 values')];
  const errors: FieldError[] = [];
  const families = cidrs.map((cidr, i) => {
    const family = cidrFamily(cidr);
    if (!family) errors.push(fieldInvalid(`spec.cidrs[${i}]`, cidr, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
    return family;
  });
  if (errors.length === 0 && families.length === 2 && families[0] === families[1]) {
    errors.push(fieldInvalid('spec.cidrs', cidrs, 'may specify no more than one IP for each IP family, i.e 192.168.0.0/24 and 2001:db8::/64'));
  }
  return errors;
}

/** ValidateServiceCIDRUpdate: the CIDRs stay, except that a single-stack range may gain its second family. */
function validateCIDRsUpdate(next: ServiceCIDR, old: ServiceCIDR): FieldError[] {
  const cidrs = next.spec?.cidrs ?? [];
  const before = old.spec?.cidrs ?? [];
  if (before.length === 1 && cidrs.length === 2 && cidrs[0] === before[0]) return [];
  return validateImmutable(next.spec?.cidrs, old.spec?.cidrs, 'spec.cidrs');
}

/** networking.k8s.io/v1 ServiceCIDR: the ranges Service cluster IPs come from; the server keeps `kubernetes` for its own. */
export const serviceCIDRs: ResourceDefinition<ServiceCIDR> = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'ServiceCIDR',
  resource: 'servicecidrs',
  singular: 'servicecidr',
  namespaced: false,
  statusSubresource: true,
  columns: [
    {
      name: 'CIDRs',
      type: 'string',
      description: 'CIDRs defines the IP blocks in CIDR notation (e.g. "192.168.0.0/24" or "2001:db8::/64") from which to assign service cluster IPs.',
      cell: (serviceCIDR) => (serviceCIDR.spec?.cidrs ?? []).join(','),
    },
    ageColumn,
  ],
  strategy: {
    // The status is the controllers' to write.
    prepareForCreate(serviceCIDR) {
      serviceCIDR.status = {};
    },
    validate: (serviceCIDR) => validateCIDRs(serviceCIDR.spec?.cidrs),
    validateUpdate: validateCIDRsUpdate,
  },
};
