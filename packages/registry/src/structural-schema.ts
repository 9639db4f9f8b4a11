import { type FieldError, fieldDuplicate, fieldInvalid, fieldNotSupported, fieldRequired, fieldTooMany } from '@kubekit/apimachinery';

/** The parts of a CRD's `openAPIV3Schema` (apiextensions JSONSchemaProps) this server applies. */
export interface JsonSchemaProps {
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchemaProps>;
  additionalProperties?: boolean | JsonSchemaProps;
  items?: JsonSchemaProps;
  required?: string[];
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  default?: unknown;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields every object keeps whatever its schema says: the root's and an embedded resource's. */
const OBJECT_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/** A declared property by name: own keys only (a body's `constructor` is not a property of every schema). */
function propertyOf(schema: JsonSchemaProps, key: string): JsonSchemaProps | undefined {
  const properties = schema.properties;
  return properties && Object.hasOwn(properties, key) ? properties[key] : undefined;
}

function additionalOf(schema: JsonSchemaProps): JsonSchemaProps | undefined {
  return typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null ? schema.additionalProperties : undefined;
}

/** A union (`anyOf`, `oneOf`: zod's unions) decides nothing about which fields exist: its values are kept. */
function isUnion(schema: JsonSchemaProps): boolean {
  const union = schema as { anyOf?: unknown; oneOf?: unknown };
  return !schema.properties && (Array.isArray(union.anyOf) || Array.isArray(union.oneOf));
}

function childPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * structural pruning: drops the fields a schema does not declare (unless it preserves unknown
 * fields), and returns their paths for fieldValidation (`unknown field "spec.colour"`). Changes
 * `value` in place: it is the registry's own copy of the body.
 */
export function pruneUnknown(value: unknown, schema: JsonSchemaProps | undefined, path = '', root = true): string[] {
  if (!schema) return [];
  const unknown: string[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, i) => unknown.push(...pruneUnknown(item, schema.items, `${path}[${i}]`, false)));
    return unknown;
  }
  if (!isObject(value) || isUnion(schema)) return unknown;
  const keepsObjectFields = root || schema['x-kubernetes-embedded-resource'] === true;
  for (const key of Object.keys(value)) {
    if (keepsObjectFields && OBJECT_FIELDS.has(key)) continue;
    const child = propertyOf(schema, key) ?? additionalOf(schema);
    if (child) {
      unknown.push(...pruneUnknown(value[key], child, childPath(path, key), false));
    } else if (schema['x-kubernetes-preserve-unknown-fields'] !== true && schema.additionalProperties !== true) {
      delete value[key];
      unknown.push(childPath(path, key));
    }
  }
  return unknown;
}

/** structural defaulting: a missing property with a `default` gets it, then its own defaults (in place). */
export function applyDefaults(value: unknown, schema: JsonSchemaProps | undefined): void {
  if (!schema) return;
  if (Array.isArray(value)) {
    for (const item of value) applyDefaults(item, schema.items);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    // A property named __proto__ would write through to Object.prototype.
    if (key === '__proto__' || !isObject(property)) continue;
    const present = Object.hasOwn(value, key) && value[key] !== undefined;
    if (!present && property.default !== undefined) value[key] = structuredClone(property.default);
    if (Object.hasOwn(value, key)) applyDefaults(value[key], property);
  }
  const additional = additionalOf(schema);
  if (additional) {
    for (const key of Object.keys(value)) if (!propertyOf(schema, key)) applyDefaults(value[key], additional);
  }
}

const patterns = new Map<string, RegExp>();

/**
 * A schema's `pattern`, compiled once: as Unicode where it can be, else as a plain expression (a
 * zod pattern may need that). Throws for one that is neither; CRD validation refuses those.
 */
export function patternOf(pattern: string): RegExp {
  let compiled = patterns.get(pattern);
  if (!compiled) {
    try {
      compiled = new RegExp(pattern, 'u');
    } catch {
      compiled = new RegExp(pattern);
    }
    if (patterns.size > 1000) patterns.clear();
    patterns.set(pattern, compiled);
  }
  return compiled;
}

/** The JSON Schema type of a value, as kube-openapi names it in its errors. */
function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'object' ? 'object' : typeof value;
}

function fitsType(type: string, value: unknown): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/**
 * Validates a custom object against its version's schema with kube-openapi's messages, as the
 * apiextensions server reports them (`spec.replicas: Invalid value: "string": spec.replicas in
 * body must be of type integer: "string"`).
 */
export function validateSchema(value: unknown, schema: JsonSchemaProps | undefined, path = ''): FieldError[] {
  if (!schema || value === undefined) return [];
  const inBody = `${path} in body`;
  if (value === null) return schema.nullable || schema['x-kubernetes-preserve-unknown-fields'] ? [] : schema.type ? [fieldInvalid(path, 'null', `${inBody} must be of type ${schema.type}: "null"`)] : [];
  if (schema['x-kubernetes-int-or-string']) {
    if (typeOf(value) !== 'integer' && typeof value !== 'string') return [fieldInvalid(path, typeOf(value), `${inBody} must be of type integer or string: "${typeOf(value)}"`)];
  } else if (schema.type && !fitsType(schema.type, value)) {
    return [fieldInvalid(path, typeOf(value), `${inBody} must be of type ${schema.type}: "${typeOf(value)}"`)];
  }
  const errors: FieldError[] = [];
  if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))) {
    errors.push(fieldNotSupported(path, value, schema.enum.map((allowed) => (typeof allowed === 'string' ? allowed : JSON.stringify(allowed)))));
  }
  if (typeof value === 'string') {
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) errors.push(fieldInvalid(path, value, `${inBody} should be at most ${schema.maxLength} chars long`));
    if (schema.minLength !== undefined && [...value].length < schema.minLength) errors.push(fieldInvalid(path, value, `${inBody} should be at least ${schema.minLength} chars long`));
    if (schema.pattern !== undefined && !patternOf(schema.pattern).test(value)) errors.push(fieldInvalid(path, value, `${inBody} should match '${schema.pattern}'`));
  }
  if (typeof value === 'number') {
    if (schema.maximum !== undefined && (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum)) {
      errors.push(fieldInvalid(path, value, `${inBody} should be less than ${schema.exclusiveMaximum ? '' : 'or equal to '}${schema.maximum}`));
    }
    if (schema.minimum !== undefined && (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum)) {
      errors.push(fieldInvalid(path, value, `${inBody} should be greater than ${schema.exclusiveMinimum ? '' : 'or equal to '}${schema.minimum}`));
    }
    if (schema.multipleOf !== undefined && !Number.isInteger(value / schema.multipleOf)) errors.push(fieldInvalid(path, value, `${inBody} should be a multiple of ${schema.multipleOf}`));
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(fieldTooMany(path, value.length, schema.maxItems));
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(fieldInvalid(path, value.length, `${inBody} should have at least ${schema.minItems} items`));
    value.forEach((item, i) => errors.push(...validateSchema(item, schema.items, `${path}[${i}]`)));
    errors.push(...listDuplicates(value, schema, path));
  }
  if (isObject(value)) {
    for (const key of Array.isArray(schema.required) ? schema.required : []) {
      if (typeof key === 'string' && (!Object.hasOwn(value, key) || value[key] === undefined)) errors.push(fieldRequired(childPath(path, key), ''));
    }
    for (const [key, child] of Object.entries(value)) {
      const property = propertyOf(schema, key) ?? additionalOf(schema);
      if (path === '' && OBJECT_FIELDS.has(key)) continue;
      errors.push(...validateSchema(child, property, childPath(path, key)));
    }
  }
  return errors;
}

/**
 * The apiextensions list-type rules: a `set` holds each value once, a `map` each combination of
 * its `x-kubernetes-list-map-keys` once; every later occurrence is a Duplicate at its index.
 */
function listDuplicates(items: readonly unknown[], schema: JsonSchemaProps, path: string): FieldError[] {
  const listType = schema['x-kubernetes-list-type'];
  if (listType !== 'set' && listType !== 'map') return [];
  const keys = schema['x-kubernetes-list-map-keys'] ?? [];
  const identity = (item: unknown): unknown =>
    listType === 'set' || !isObject(item) ? item : Object.fromEntries(keys.filter((key) => Object.hasOwn(item, key)).map((key) => [key, item[key]]));
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  items.forEach((item, i) => {
    const value = identity(item);
    const key = JSON.stringify(value);
    if (seen.has(key)) errors.push(fieldDuplicate(`${path}[${i}]`, value));
    seen.add(key);
  });
  return errors;
}
