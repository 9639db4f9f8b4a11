import { type ApplyType, type ListType, SCALAR, type StructField, type StructType, UNTYPED, UNTYPED_MAP } from './apply-type.js';
import { builtInStructType } from './built-in-types.js';

/** The parts of a structural schema (a CRD's openAPIV3Schema) that decide how apply merges. */
export interface StructuralSchema {
  type?: string;
  properties?: Readonly<Record<string, StructuralSchema>>;
  additionalProperties?: boolean | StructuralSchema;
  items?: StructuralSchema;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: readonly string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
}

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/**
 * The apply type of a custom resource from its structural schema (as the apiextensions server
 * builds its structured-merge-diff schema): objects with properties are structs, with
 * `additionalProperties` maps, granular unless `x-kubernetes-map-type: atomic`; arrays follow
 * `x-kubernetes-list-type` (atomic without it); unknown fields a schema preserves are untyped;
 * `metadata` of the object (and of embedded resources) is ObjectMeta.
 */
export function schemaApplyType(schema: StructuralSchema): ApplyType {
  return typeOf(schema, true);
}

function typeOf(schema: StructuralSchema | undefined, objectRoot: boolean): ApplyType {
  if (!schema) return UNTYPED;
  if (schema['x-kubernetes-int-or-string']) return SCALAR;
  const atomic = schema['x-kubernetes-map-type'] === 'atomic';
  if (schema.type === 'array') return listOf(schema);
  if (schema.type === 'object' || schema.properties) {
    if (schema.properties || objectRoot || schema['x-kubernetes-embedded-resource']) return structOf(schema, atomic, objectRoot || schema['x-kubernetes-embedded-resource'] === true);
    if (typeof schema.additionalProperties === 'object') return { kind: 'map', atomic, values: typeOf(schema.additionalProperties, false) };
    return atomic ? SCALAR : UNTYPED_MAP;
  }
  return schema.type ? SCALAR : UNTYPED;
}

function listOf(schema: StructuralSchema): ListType {
  const listType = schema['x-kubernetes-list-type'] ?? 'atomic';
  const keys = listType === 'map' ? (schema['x-kubernetes-list-map-keys'] ?? []) : [];
  return { kind: 'list', listType: listType === 'map' && keys.length === 0 ? 'atomic' : listType, keys, items: typeOf(schema.items, false) };
}

function structOf(schema: StructuralSchema, atomic: boolean, withObjectFields: boolean): StructType {
  const fields = new Map<string, StructField | undefined>();
  const preserves = schema['x-kubernetes-preserve-unknown-fields'] === true;
  return {
    kind: 'struct',
    atomic,
    field(name) {
      if (!fields.has(name)) {
        const declared = schema.properties?.[name];
        let type: ApplyType | undefined;
        if (withObjectFields && name === 'metadata') type = builtInStructType(OBJECT_META);
        else if (withObjectFields && (name === 'apiVersion' || name === 'kind')) type = SCALAR;
        else if (declared) type = typeOf(declared, false);
        else if (typeof schema.additionalProperties === 'object') type = typeOf(schema.additionalProperties, false);
        else if (preserves) type = UNTYPED;
        // Unstructured JSON has no Go zero values: nothing is written unless it was set.
        fields.set(name, type && { type, alwaysWritten: false });
      }
      return fields.get(name);
    },
  };
}
