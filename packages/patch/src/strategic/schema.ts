import { type FieldFacts, type GroupVersionKind, type StructFacts, type TypeRef, findKind, requireTypeFacts } from '@kubekit/types';
import { PatchError } from '../patch-error.js';

/** How one field is patched: its Go struct tags `patchStrategy` and `patchMergeKey`. */
export interface FieldPatchMeta {
  /** `patchStrategy` split on commas (`['merge', 'retainKeys']`); empty when the field has none. */
  readonly strategies: readonly string[];
  /** `patchMergeKey`, or `''`. */
  readonly mergeKey: string;
  /** The schema of the field's value; for {@link StrategicMergeSchema.lookupList}, of one element. */
  readonly schema: StrategicMergeSchema;
}

/**
 * The patch metadata of one type, looked up field by field as strategicpatch's
 * `LookupPatchMeta` does. Lookups throw PatchError with upstream's wording where upstream's fail.
 */
export interface StrategicMergeSchema {
  /** Go's reflect kind of the type (`struct`, `ptr`, `map`, `slice`, `string`, …), for error messages. */
  readonly goKind: string;
  /** LookupPatchMetadataForStruct: the metadata of the member `key` of an object of this type. */
  lookupField(key: string): FieldPatchMeta;
  /** LookupPatchMetadataForSlice: the same for a list member, with the schema of its elements. */
  lookupList(key: string): FieldPatchMeta;
}

function lookupFailure(message: string): PatchError {
  return new PatchError('InternalError', message);
}

/**
 * Fields the facts do not know (and values of `RawExtension` and other opaque types): maps merge
 * with no metadata and lists are replaced, as strategicpatch does for schemaless data.
 */
const UNKNOWN: StrategicMergeSchema = {
  goKind: 'struct',
  lookupField: () => UNKNOWN_FIELD,
  lookupList: () => UNKNOWN_FIELD,
};
const UNKNOWN_FIELD: FieldPatchMeta = { strategies: [], mergeKey: '', schema: UNKNOWN };

/** A type whose JSON is not an object (or a Go map): upstream's struct lookup fails on it. */
function notAStruct(goKind: string): StrategicMergeSchema {
  const fail = (): never => {
    throw lookupFailure(`merging an object in json but data type is not struct, instead is: ${goKind}`);
  };
  return { goKind, lookupField: fail, lookupList: fail };
}

const SCALAR_GO_KINDS: Partial<Record<TypeRef['kind'], string>> = {
  string: 'string',
  number: 'float64',
  boolean: 'bool',
  bytes: 'slice',
  array: 'slice',
  map: 'map',
};

function schemaOfType(type: TypeRef, pointer: boolean): StrategicMergeSchema {
  if (type.kind === 'object') return structSchema(requireTypeFacts(type.id), pointer);
  if (type.kind === 'integer') return notAStruct(type.format);
  const goKind = SCALAR_GO_KINDS[type.kind];
  // Quantity, Time, IntOrString, RawExtension, …: JSON scalars or arbitrary JSON.
  return goKind === undefined ? UNKNOWN : notAStruct(goKind);
}

/** Go's json field matching: the exact name, else the first ASCII case-insensitive match. */
function findField(facts: StructFacts, key: string): FieldFacts | undefined {
  const exact = facts.jsonFields.get(key);
  if (exact) return exact;
  const folded = key.toLowerCase();
  for (const [name, field] of facts.jsonFields) {
    if (name.toLowerCase() === folded) return field;
  }
  return undefined;
}

function metaOf(field: FieldFacts, schema: StrategicMergeSchema): FieldPatchMeta {
  return {
    strategies: field.patchStrategy ? field.patchStrategy.split(',') : [],
    mergeKey: field.patchMergeKey ?? '',
    schema,
  };
}

const structSchemas = new Map<string, StrategicMergeSchema>();

function structSchema(facts: StructFacts, pointer: boolean): StrategicMergeSchema {
  const cacheKey = `${pointer ? '*' : ''}${facts.id}`;
  let schema = structSchemas.get(cacheKey);
  if (schema) return schema;
  const goKind = pointer ? 'ptr' : 'struct';
  schema = {
    goKind,
    lookupField(key) {
      const field = findField(facts, key);
      return field ? metaOf(field, schemaOfType(field.type, field.pointer)) : UNKNOWN_FIELD;
    },
    lookupList(key) {
      const field = findField(facts, key);
      if (!field) return UNKNOWN_FIELD;
      const { type } = field;
      if (type.kind === 'array') {
        if (type.items.kind === 'array') throw lookupFailure('unexpected slice of slice');
        return metaOf(field, schemaOfType(type.items, false));
      }
      if (type.kind === 'bytes') return metaOf(field, notAStruct('uint8'));
      // A pointer's element is the pointee; anything else is not a list.
      if (field.pointer) return metaOf(field, schemaOfType(type, false));
      throw lookupFailure(`expected slice or array type, but got: ${goKind}`);
    },
  };
  structSchemas.set(cacheKey, schema);
  return schema;
}

/**
 * The strategic merge patch schema of a built-in kind, from the facts table of `@kubekit/types`;
 * `undefined` for kinds it does not know (custom resources, which answer 415 to strategic merge).
 */
export function strategicMergeSchemaFor(gvk: GroupVersionKind): StrategicMergeSchema | undefined {
  const facts = findKind(gvk);
  return facts ? structSchema(facts, false) : undefined;
}
