import { type FieldError, fieldInvalid } from '@kubekit/apimachinery';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';
import { parseQuantity, quantityString } from './quantity.js';
import { compareStrings } from './table-format.js';

interface ResourceQuota extends KubeObject {
  spec?: { hard?: Record<string, string>; scopes?: string[]; [key: string]: unknown };
  status?: { hard?: Record<string, string>; used?: Record<string, string> };
}

/** ValidateResourceQuota's quantities: none negative. */
function validateQuota(quota: ResourceQuota): FieldError[] {
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries(quota.spec?.hard ?? {})) {
    const quantity = parseQuantity(value);
    if (quantity !== undefined && quantity < 0) errors.push(fieldInvalid(`spec.hard[${name}]`, quantityString(value), 'must be greater than or equal to 0'));
  }
  return errors;
}

/** printResourceQuota: `name: used/hard` pairs, `limits.*` in the LIMIT cell, the rest in REQUEST. */
function quotaCells(quota: ResourceQuota): { request: string; limit: string } {
  const hard = quota.status?.hard ?? {};
  const used = quota.status?.used ?? {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const name of Object.keys(hard).sort(compareStrings)) {
    const pieces = name.split('.');
    const cell = pieces.length > 1 && pieces[0] === 'limits' ? limit : request;
    cell.push(`${name}: ${quantityString(used[name])}/${quantityString(hard[name])}`);
  }
  return { request: request.join(', '), limit: limit.join(', ') };
}

export const resourceQuotas: ResourceDefinition<ResourceQuota> = {
  group: '',
  version: 'v1',
  kind: 'ResourceQuota',
  resource: 'resourcequotas',
  singular: 'resourcequota',
  namespaced: true,
  shortNames: ['quota'],
  statusSubresource: true,
  returnDeletedObject: true,
  columns: [
    { name: 'Request', type: 'string', description: 'Request represents a minimum amount of cpu/memory that a container may consume.', cell: (q) => quotaCells(q).request },
    {
      name: 'Limit',
      type: 'string',
      description: 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.',
      cell: (q) => quotaCells(q).limit,
    },
    ageColumn,
  ],
  strategy: {
    prepareForCreate(quota) {
      // The quota controller fills hard and used; a new quota starts empty.
      quota.status = {};
    },
    validate: validateQuota,
  },
};
