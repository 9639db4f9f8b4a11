import * as z from 'zod';
import { findKind, requireTypeFacts } from '../facts/lookup.js';
import type { FieldFacts, StructFacts, TypeRef } from '../facts/model.js';
import { SPECIAL_TYPE_IDS, specialKindOf, type SpecialKind } from '../facts/special-types.js';
import type { GroupVersionKind } from '../gvk.js';
import type { JsonObject, JsonSchema } from '../json.js';
import { DURATION, QUANTITY, RFC3339, RFC3339_MICRO } from '../facts/patterns.js';

/** What the schemas carry for OpenAPI: ids of structs and the Kubernetes extensions of fields. */
export interface KubeSchemaMeta {
  id?: string;
  default?: unknown;
  'x-kubernetes-group-version-kind'?: GroupVersionKind[];
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-patch-merge-key'?: string;
}

/**
 * Metadata of every schema built here (the equivalent of `.meta()`, kept out of zod's global
 * registry). Pass it as `metadata` to `z.toJSONSchema` to see ids and extensions.
 */
export const kubeMetadata = z.registry<KubeSchemaMeta>();

/**
 * The exact OpenAPI form of leaf schemas whose zod conversion differs from what the apiserver
 * publishes (int32 bounds instead of `format: int32`, Quantity as a union, …); applied by
 * `openapi.ts` through `toJSONSchema`'s `override`.
 */
export const exactJsonSchemas = new WeakMap<z.ZodType, JsonSchema>();

const structSchemas = new Map<string, z.ZodType>();
const specialSchemas = new Map<SpecialKind, z.ZodType>();

/** The zod schema of a kind (`{group: 'apps', version: 'v1', kind: 'Deployment'}`); built on first use. */
export function schemaFor<T = JsonObject>(gvk: GroupVersionKind): z.ZodType<T> {
  const facts = findKind(gvk);
  if (!facts) throw new Error(`unknown kind ${gvk.kind} in ${gvk.group || 'core'}/${gvk.version}`);
  return schemaForId(facts.id) as unknown as z.ZodType<T>;
}

/** The zod schema of any struct of the facts by id (`io.k8s.api.core.v1.PodSpec`). */
export function schemaForId(id: string): z.ZodType {
  const special = specialKindOf(id);
  if (special) return specialSchema(special);
  let schema = structSchemas.get(id);
  if (!schema) {
    schema = buildStruct(requireTypeFacts(id));
    structSchemas.set(id, schema);
  }
  return schema;
}

function buildStruct(facts: StructFacts): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, field] of facts.jsonFields) shape[name] = fieldSchema(field);
  const schema = z.object(shape);
  kubeMetadata.add(schema, {
    id: facts.id,
    ...(facts.gvk && { 'x-kubernetes-group-version-kind': [facts.gvk] }),
  });
  return schema;
}

function fieldSchema(field: FieldFacts): z.ZodType {
  const meta: KubeSchemaMeta = {};
  const zero = field.pointer ? undefined : zeroDefault(field.type, field.optional);
  if (zero !== undefined) meta.default = zero;
  if (field.patchStrategy) meta['x-kubernetes-patch-strategy'] = field.patchStrategy;
  if (field.patchMergeKey) meta['x-kubernetes-patch-merge-key'] = field.patchMergeKey;
  const hasMeta = Object.keys(meta).length > 0;
  // Metadata is keyed by schema instance, so a field that has some gets instances of its own.
  const base = typeSchema(field.type, hasMeta && !field.optional);
  const schema = field.optional ? base.optional() : base;
  if (hasMeta) kubeMetadata.add(schema, meta);
  return schema;
}

/** The default the apiserver's OpenAPI shows for Go zero values that are always serialized. */
function zeroDefault(type: TypeRef, optional: boolean): unknown {
  if (type.kind === 'object') return {};
  if (optional) return undefined;
  if (type.kind === 'string') return '';
  if (type.kind === 'integer') return 0;
  if (type.kind === 'boolean') return false;
  return undefined;
}

function typeSchema(type: TypeRef, fresh: boolean): z.ZodType {
  switch (type.kind) {
    case 'object': {
      const { id } = type;
      return z.lazy(() => schemaForId(id));
    }
    case 'array': {
      const items = typeSchema(type.items, type.items.kind === 'object');
      if (type.items.kind === 'object') kubeMetadata.add(items, { default: {} });
      return z.array(items);
    }
    case 'map': {
      const values = typeSchema(type.values, type.values.kind === 'object');
      if (type.values.kind === 'object') kubeMetadata.add(values, { default: {} });
      return z.record(z.string(), values);
    }
    case 'quantity':
    case 'int-or-string':
    case 'time':
    case 'micro-time':
    case 'raw':
    case 'fields-v1':
      // A clone keeps the special type's id (as its parent) but can carry metadata of its own.
      return fresh ? specialSchema(type.kind).clone() : specialSchema(type.kind);
    default:
      return fresh ? leafSchema(type) : sharedLeaf(type);
  }
}

const sharedLeaves = new Map<string, z.ZodType>();

function sharedLeaf(type: TypeRef): z.ZodType {
  const key = type.kind === 'integer' ? type.format : type.kind;
  let schema = sharedLeaves.get(key);
  if (!schema) sharedLeaves.set(key, (schema = leafSchema(type)));
  return schema;
}

function leafSchema(type: TypeRef): z.ZodType {
  switch (type.kind) {
    case 'string':
      return z.string();
    case 'boolean':
      return z.boolean();
    case 'number':
      return exact(z.number(), { type: 'number', format: 'double' });
    case 'integer':
      return type.format === 'int32'
        ? exact(z.int32(), { type: 'integer', format: 'int32' })
        : exact(z.int(), { type: 'integer', format: 'int64' });
    case 'bytes':
      return exact(z.base64(), { type: 'string', format: 'byte' });
    case 'duration':
      return exact(z.string().regex(DURATION), { type: 'string' });
    default:
      throw new Error(`not a leaf type: ${type.kind}`);
  }
}

function specialSchema(kind: SpecialKind): z.ZodType {
  let schema = specialSchemas.get(kind);
  if (schema) return schema;
  if (kind === 'duration') {
    schema = leafSchema({ kind });
  } else {
    const [zod, json] = SPECIAL_SCHEMAS[kind]();
    schema = exact(zod, json);
    kubeMetadata.add(schema, { id: SPECIAL_TYPE_IDS[kind] });
  }
  specialSchemas.set(kind, schema);
  return schema;
}

// The OpenAPI forms are those of the apiserver's /openapi/v3 documents.
const SPECIAL_SCHEMAS: Record<Exclude<SpecialKind, 'duration'>, () => [z.ZodType, JsonSchema]> = {
  quantity: () => [
    z.union([z.string().regex(QUANTITY), z.number()]),
    { oneOf: [{ type: 'string' }, { type: 'number' }] },
  ],
  'int-or-string': () => [
    z.union([z.int32(), z.string()]),
    { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true },
  ],
  time: () => [z.string().regex(RFC3339), { type: 'string', format: 'date-time' }],
  'micro-time': () => [z.string().regex(RFC3339_MICRO), { type: 'string', format: 'date-time' }],
  raw: () => [z.unknown(), { type: 'object' }],
  'fields-v1': () => [z.record(z.string(), z.unknown()), { type: 'object' }],
};

function exact<T extends z.ZodType>(schema: T, json: JsonSchema): T {
  exactJsonSchemas.set(schema, json);
  return schema;
}
