import { type JsonObject, type JsonValue, isObject } from '../json.js';
import { type ApplyType, SCALAR, type StructField, UNTYPED, UNTYPED_MAP, isAtomic } from './apply-type.js';

/** How a walker treats one value: as a leaf owned whole, or as a container walked child by child. */
export type Resolved = { readonly kind: 'leaf' } | Exclude<ApplyType, { kind: 'untyped' | 'scalar' }>;

const LEAF: Resolved = { kind: 'leaf' };

function fits(type: ApplyType, value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  switch (type.kind) {
    case 'struct':
    case 'map':
      return isObject(value);
    case 'list':
      return Array.isArray(value);
    default:
      return true;
  }
}

/**
 * The walk rule for a value on either side (undefined when absent): atomic types and values that
 * do not have their type's shape are leaves; an untyped value is a granular map when both sides
 * are objects (or absent or null) and a leaf otherwise.
 */
export function resolve(type: ApplyType, lhs: JsonValue | undefined, rhs?: JsonValue): Resolved {
  if (type.kind === 'untyped') {
    const mapLike = (value: JsonValue | undefined) => value === undefined || value === null || isObject(value);
    const anObject = isObject(lhs) || isObject(rhs);
    return anObject && mapLike(lhs) && mapLike(rhs) ? UNTYPED_MAP : LEAF;
  }
  if (type.kind === 'scalar' || isAtomic(type) || !fits(type, lhs) || !fits(type, rhs)) return LEAF;
  return type;
}

/** The type of a struct's or map's member `key`; a field the schema does not declare is untyped. */
export function memberType(container: Resolved, key: string): ApplyType {
  if (container.kind === 'map') return container.values;
  if (container.kind === 'struct') return container.field(key)?.type ?? UNTYPED;
  return SCALAR;
}

/**
 * A member as Go would have written it: a struct that is not a pointer is `{}` and a list or map
 * without `omitempty` is `null` even when never set (only inside an object that is there).
 */
export function memberValue(container: Resolved, parent: JsonValue | undefined, key: string): JsonValue | undefined {
  if (isObject(parent) && Object.hasOwn(parent, key)) return parent[key];
  return container.kind === 'struct' ? zeroOf(container.field(key), parent) : undefined;
}

const ZERO_STRUCT: JsonObject = Object.freeze({});

/** What a struct member is on a side that lacks it (see memberValue); shared and frozen. */
export function zeroOf(field: StructField | undefined, parent: JsonValue | undefined): JsonValue | undefined {
  if (!field?.alwaysWritten || !isObject(parent)) return undefined;
  return field.type.kind === 'struct' ? ZERO_STRUCT : null;
}
