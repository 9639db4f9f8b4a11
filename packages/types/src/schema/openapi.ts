import * as z from 'zod';
import { getTypeFacts, structIdsOf } from '../facts/lookup.js';
import type { TypeRef } from '../facts/model.js';
import { DESCRIPTIONS } from '../generated/descriptions.js';
import { SPECIAL_TYPE_IDS } from '../facts/special-types.js';
import type { GroupVersion } from '../gvk.js';
import type { JsonSchema } from '../json.js';
import { META_V1_IDS } from '../well-known.js';
import { exactJsonSchemas, kubeMetadata, schemaForId } from './zod-schemas.js';

const REF_PREFIX = '#/components/schemas/';

/**
 * meta/v1 types every group-version document of the apiserver carries: its paths use them, and
 * every kind's `metadata` is an ObjectMeta (a custom resource's too, whose schema is not here).
 */
const COMMON_ROOTS = [META_V1_IDS.Status, META_V1_IDS.DeleteOptions, META_V1_IDS.WatchEvent, META_V1_IDS.APIResourceList, META_V1_IDS.ObjectMeta];

/** OpenAPI v3 `components` of one group-version document (`/openapi/v3/apis/apps/v1`). */
export function openApiComponents(group: string, version: string): { schemas: Readonly<Record<string, JsonSchema>> } {
  return { schemas: openApiSchemas([{ group, version }]) };
}

const cache = new Map<string, Readonly<Record<string, JsonSchema>>>();

/**
 * OpenAPI v3 `components.schemas` for the structs of the given group-versions and everything they
 * reference, keyed by id, converted from the zod schemas that validate them. References are
 * `$ref: '#/components/schemas/<id>'`, wrapped in `allOf` when the property says more (a default
 * or an `x-kubernetes-*` extension), as the apiserver writes them.
 *
 * The conversion takes tens of milliseconds for core/v1, so results are cached and frozen.
 */
export function openApiSchemas(groupVersions: readonly GroupVersion[]): Readonly<Record<string, JsonSchema>> {
  const key = groupVersions
    .map((gv) => `${gv.group}/${gv.version}`)
    .sort()
    .join(',');
  let schemas = cache.get(key);
  if (!schemas) {
    schemas = deepFreeze(convert(groupVersions));
    cache.set(key, schemas);
  }
  return schemas;
}

function convert(groupVersions: readonly GroupVersion[]): Record<string, JsonSchema> {
  const roots = [...groupVersions.flatMap(structIdsOf), ...COMMON_ROOTS];
  const registry = z.registry<{ id: string }>();
  for (const id of closure(roots)) registry.add(schemaForId(id), { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'openapi-3.0',
    // Input mode: zod's default object mode strips unknown keys, which is not `additionalProperties: false`.
    io: 'input',
    metadata: kubeMetadata,
    uri: (id) => `${REF_PREFIX}${id}`,
    override: ({ zodSchema, jsonSchema }) => normalize(zodSchema, jsonSchema),
  });
  const out: Record<string, JsonSchema> = {};
  for (const id of Object.keys(schemas).sort()) {
    const { $id: _id, $schema: _schema, ...schema } = schemas[id] as JsonSchema;
    out[id] = withDescriptions(id, schema);
  }
  return out;
}

/**
 * A struct's schema with the descriptions of its doc comments (what `kubectl explain` prints). A
 * described reference is wrapped in `allOf`, as the apiserver writes it: OpenAPI 3.0 ignores a
 * `$ref`'s siblings.
 */
function withDescriptions(id: string, schema: JsonSchema): JsonSchema {
  const described = DESCRIPTIONS[id];
  if (!described) return schema;
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  const out: JsonSchema = { ...(described.description && { description: described.description }), ...schema };
  if (properties) {
    out.properties = Object.fromEntries(
      Object.entries(properties).map(([name, property]) => {
        const description = described.fields[name];
        if (!description) return [name, property];
        const { $ref, ...rest } = property;
        return [name, $ref === undefined ? { description, ...property } : { allOf: [{ $ref }], description, ...rest }];
      }),
    );
  }
  return out;
}

function normalize(zodSchema: z.core.$ZodType, json: JsonSchema): void {
  const exact = exactJsonSchemas.get(zodSchema as z.ZodType);
  if (exact) {
    const { id: _id, ...meta } = kubeMetadata.get(zodSchema) ?? {};
    for (const key of Object.keys(json)) delete json[key];
    Object.assign(json, structuredClone(exact), meta);
    return;
  }
  // zod wraps every reference of an older-draft target in allOf; a bare one needs no wrapper.
  const allOf = json.allOf;
  if (Array.isArray(allOf) && allOf.length === 1 && Object.keys(json).length === 1) {
    delete json.allOf;
    Object.assign(json, allOf[0]);
  }
}

/** The ids of `roots` and every struct they reference, through the facts. */
function closure(roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visitType = (type: TypeRef): void => {
    if (type.kind === 'object') visit(type.id);
    else if (type.kind === 'array') visitType(type.items);
    else if (type.kind === 'map') visitType(type.values);
    // Duration is written inline as a string; the other special types are schemas of their own.
    else if (type.kind in SPECIAL_TYPE_IDS && type.kind !== 'duration') {
      seen.add(SPECIAL_TYPE_IDS[type.kind as keyof typeof SPECIAL_TYPE_IDS]);
    }
  };
  const visit = (id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const field of getTypeFacts(id)?.jsonFields.values() ?? []) visitType(field.type);
  };
  for (const id of roots) visit(id);
  return seen;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
