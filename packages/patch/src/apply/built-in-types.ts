import { APPLY_MARKERS, type ApplyFieldMarkers, type FieldFacts, type GroupVersionKind, type TypeRef, findKind, requireTypeFacts } from '@kubekit/types';
import type { JsonValue } from '../json.js';
import { type ApplyType, type ListType, SCALAR, type StructField, type StructType } from './apply-type.js';

/**
 * Defaults of list-map key fields (`+default` on the key), which decide an item's key when a
 * configuration leaves them out: `k:{"containerPort":80,"protocol":"TCP"}`.
 */
const KEY_DEFAULTS: Readonly<Record<string, Readonly<Record<string, JsonValue>>>> = {
  'io.k8s.api.core.v1.ContainerPort': { protocol: 'TCP' },
  'io.k8s.api.core.v1.ServicePort': { protocol: 'TCP' },
};

/**
 * A list's semantics: its `+listType` marker, or, as kube-openapi derives it for lists without
 * one, a map-list keyed by `patchMergeKey` for `patchStrategy=merge`, a set for a merged list
 * of scalars, and atomic otherwise.
 */
function listTypeOf(items: TypeRef, field: FieldFacts | undefined, markers: ApplyFieldMarkers | undefined): ListType {
  const itemType = typeOf(items, undefined, undefined);
  const merge = field?.patchStrategy?.split(',').includes('merge') ?? false;
  const derived = merge ? (field?.patchMergeKey ? 'map' : 'set') : 'atomic';
  const listType = markers?.listType ?? derived;
  const keys = markers?.listMapKeys ?? (field?.patchMergeKey ? [field.patchMergeKey] : []);
  if (listType === 'map' && keys.length === 0) return { kind: 'list', listType: 'atomic', keys: [], items: itemType };
  const keyDefaults = items.kind === 'object' ? KEY_DEFAULTS[items.id] : undefined;
  return { kind: 'list', listType, keys: listType === 'map' ? keys : [], ...(keyDefaults && { keyDefaults }), items: itemType };
}

function typeOf(ref: TypeRef, field: FieldFacts | undefined, markers: ApplyFieldMarkers | undefined): ApplyType {
  switch (ref.kind) {
    case 'object':
      return structType(ref.id, markers?.structType === 'atomic');
    case 'array':
      return listTypeOf(ref.items, field, markers);
    case 'map':
      return { kind: 'map', atomic: markers?.mapType === 'atomic', values: typeOf(ref.values, undefined, undefined) };
    default:
      // Strings, numbers, Quantity, Time, IntOrString, bytes; RawExtension and FieldsV1 are owned whole.
      return SCALAR;
  }
}

const structTypes = new Map<string, StructType>();

function structType(id: string, atomicField: boolean): StructType {
  const cacheKey = `${atomicField ? '!' : ''}${id}`;
  const cached = structTypes.get(cacheKey);
  if (cached) return cached;
  const facts = requireTypeFacts(id);
  const markers = APPLY_MARKERS[id];
  const fields = new Map<string, StructField | null>();
  const type: StructType = {
    kind: 'struct',
    atomic: atomicField || markers?.structType === 'atomic',
    field(name) {
      let field = fields.get(name);
      if (field === undefined) {
        const declared = facts.jsonFields.get(name);
        field = declared
          ? {
              type: typeOf(declared.type, declared, markers?.fields?.[name]),
              alwaysWritten: declared.type.kind === 'object' ? !declared.pointer : (declared.type.kind === 'array' || declared.type.kind === 'map') && !declared.optional,
            }
          : null;
        fields.set(name, field);
      }
      return field ?? undefined;
    },
  };
  structTypes.set(cacheKey, type);
  return type;
}

/** The apply type of a built-in struct by its schema id (`io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`). */
export function builtInStructType(id: string): StructType {
  return structType(id, false);
}

/** The apply type of a built-in kind, from the facts table and the apply markers; undefined for other kinds. */
export function builtInApplyType(gvk: GroupVersionKind): StructType | undefined {
  const facts = findKind(gvk);
  return facts ? structType(facts.id, false) : undefined;
}
