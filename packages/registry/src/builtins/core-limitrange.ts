import { type FieldError, fieldDuplicate, fieldInvalid, isQualifiedName } from '@kubekit/apimachinery';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { compareQuantities, parseQuantity, quantityString } from './quantity.js';
import { createdAtColumn } from './table-format.js';

type ResourceList = Record<string, string>;

interface LimitRangeItem {
  type?: string;
  max?: ResourceList;
  min?: ResourceList;
  default?: ResourceList;
  defaultRequest?: ResourceList;
  maxLimitRequestRatio?: ResourceList;
}

interface LimitRange extends KubeObject {
  spec?: { limits?: LimitRangeItem[] };
}

/** SetDefaults_LimitRangeItem: a Container's default limit is its max, its default request the default or min. */
function defaultItem(item: LimitRangeItem): void {
  if (item.type !== 'Container') return;
  const defaults: ResourceList = { ...item.max, ...item.default };
  const requests: ResourceList = { ...item.min, ...defaults, ...item.defaultRequest };
  if (Object.keys(defaults).length > 0) item.default = defaults;
  if (Object.keys(requests).length > 0) item.defaultRequest = requests;
}

/** validateLimitRangeTypeName and the min <= defaultRequest <= default <= max ordering of ValidateLimitRange. */
function validateLimitRange(range: LimitRange): FieldError[] {
  const errors: FieldError[] = [];
  const types = new Set<string>();
  (range.spec?.limits ?? []).forEach((item, i) => {
    const at = `spec.limits[${i}]`;
    const type = item.type ?? '';
    const typeErrors = isQualifiedName(type).map((message) => fieldInvalid(`${at}.type`, type, message));
    if (typeErrors.length === 0 && !type.includes('/') && !['Pod', 'Container', 'PersistentVolumeClaim'].includes(type)) {
      typeErrors.push(fieldInvalid(`${at}.type`, type, 'must be a standard limit type or fully qualified'));
    }
    errors.push(...typeErrors);
    if (types.has(type)) errors.push(fieldDuplicate(`${at}.type`, type));
    types.add(type);
    const names = new Set([...Object.keys(item.max ?? {}), ...Object.keys(item.min ?? {}), ...Object.keys(item.default ?? {}), ...Object.keys(item.defaultRequest ?? {})]);
    for (const name of names) {
      const value = (list: ResourceList | undefined) => (list && name in list ? parseQuantity(list[name]) : undefined);
      const text = (list: ResourceList | undefined) => quantityString(list?.[name]);
      const [min, max, limit, request] = [value(item.min), value(item.max), value(item.default), value(item.defaultRequest)];
      const greater = (a: number | undefined, b: number | undefined) => a !== undefined && b !== undefined && compareQuantities(a, b) > 0;
      if (greater(min, max)) errors.push(fieldInvalid(`${at}.min[${name}]`, text(item.min), `min value ${text(item.min)} is greater than max value ${text(item.max)}`));
      if (greater(min, request)) errors.push(fieldInvalid(`${at}.defaultRequest[${name}]`, text(item.defaultRequest), `min value ${text(item.min)} is greater than default request value ${text(item.defaultRequest)}`));
      if (greater(request, max)) errors.push(fieldInvalid(`${at}.defaultRequest[${name}]`, text(item.defaultRequest), `default request value ${text(item.defaultRequest)} is greater than max value ${text(item.max)}`));
      if (greater(request, limit)) errors.push(fieldInvalid(`${at}.defaultRequest[${name}]`, text(item.defaultRequest), `default request value ${text(item.defaultRequest)} is greater than default limit value ${text(item.default)}`));
      if (greater(min, limit)) errors.push(fieldInvalid(`${at}.default[${name}]`, text(item.min), `min value ${text(item.min)} is greater than default value ${text(item.default)}`));
      if (greater(limit, max)) errors.push(fieldInvalid(`${at}.default[${name}]`, text(item.max), `default value ${text(item.default)} is greater than max value ${text(item.max)}`));
    }
  });
  return errors;
}

export const limitRanges: ResourceDefinition<LimitRange> = {
  group: '',
  version: 'v1',
  kind: 'LimitRange',
  resource: 'limitranges',
  singular: 'limitrange',
  namespaced: true,
  shortNames: ['limits'],
  // The limitrange storage has no printer: rest.NewDefaultTableConvertor.
  columns: [createdAtColumn],
  strategy: {
    defaults(range) {
      for (const item of range.spec?.limits ?? []) defaultItem(item);
    },
    validate: validateLimitRange,
  },
};
