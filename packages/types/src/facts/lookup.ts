import { FACTS_TABLE } from '../generated/facts-table.js';
import type { GroupVersion, GroupVersionKind } from '../gvk.js';
import { KINDS_IN_EVERY_GROUP_VERSION } from '../well-known.js';
import { derivedGoType } from './go-type.js';
import type { FieldFacts, PatchStrategy, StructFacts, WireType } from './model.js';
import {
  FIELD_INLINE,
  FIELD_NO_JSON,
  FIELD_OPTIONAL,
  FIELD_POINTER,
  openApiPrefix,
  STRUCT_CLUSTER_SCOPED,
  STRUCT_GENCLIENT,
  STRUCT_KIND,
  type RawField,
  type RawPackage,
  type RawStruct,
  type RawTable,
} from './table-format.js';
import { parseTypeRef } from './type-ref.js';

interface Entry {
  alias: string;
  pkg: RawPackage;
  name: string;
  raw: RawStruct;
}

const table: RawTable = FACTS_TABLE;
// Everything below is built on first use: importing this module costs nothing but the table literal.
let entries: Map<string, Entry> | undefined;
let kinds: Map<string, string> | undefined;
const decoded = new Map<string, StructFacts>();

function allEntries(): Map<string, Entry> {
  if (entries) return entries;
  entries = new Map();
  for (const [alias, pkg] of Object.entries(table)) {
    const prefix = openApiPrefix(pkg.path);
    for (const [name, raw] of Object.entries(pkg.structs)) entries.set(`${prefix}.${name}`, { alias, pkg, name, raw });
  }
  return entries;
}

const kindKey = (group: string, version: string, kind: string): string => `${group}/${version}/${kind}`;

function kindIndex(): Map<string, string> {
  if (kinds) return kinds;
  kinds = new Map();
  for (const [id, { pkg, name, raw }] of allEntries()) {
    if (!(raw[0] & STRUCT_KIND) || pkg.version === undefined) continue;
    const key = kindKey(raw[2] ?? pkg.group ?? '', pkg.version, name);
    // API packages come before meta/v1 in the table, so core/v1 List wins over meta/v1 List.
    if (!kinds.has(key)) kinds.set(key, id);
  }
  return kinds;
}

/** Facts of a struct by OpenAPI-style id (`io.k8s.api.core.v1.PodSpec`). */
export function getTypeFacts(id: string): StructFacts | undefined {
  const cached = decoded.get(id);
  if (cached) return cached;
  const entry = allEntries().get(id);
  if (!entry) return undefined;
  const facts = decodeStruct(id, entry);
  decoded.set(id, facts);
  return facts;
}

/** Like {@link getTypeFacts}, for ids that come from the table itself. */
export function requireTypeFacts(id: string): StructFacts {
  const facts = getTypeFacts(id);
  if (!facts) throw new Error(`no facts for type ${id}`);
  return facts;
}

/**
 * Facts of the struct serialized as `kind` in `group/version`. meta/v1 kinds the apiserver
 * registers in every group version (DeleteOptions, ListOptions, WatchEvent, …) are found in any.
 */
export function findKind({ group, version, kind }: GroupVersionKind): StructFacts | undefined {
  const id = kindIndex().get(kindKey(group, version, kind));
  if (id) return getTypeFacts(id);
  if (KINDS_IN_EVERY_GROUP_VERSION.has(kind)) return getTypeFacts(`io.k8s.apimachinery.pkg.apis.meta.v1.${kind}`);
  return undefined;
}

/** Every kind of the table, in table order. */
export function listKinds(): GroupVersionKind[] {
  return [...kindIndex().keys()].map((key) => {
    const [group = '', version = '', kind = ''] = key.split('/');
    return { group, version, kind };
  });
}

/** Ids of every struct declared in the Go package that serves `group/version` (empty if none). */
export function structIdsOf({ group, version }: GroupVersion): string[] {
  const pkg = Object.values(table).find(
    (p) => p.group === group && p.version === version && p.path.startsWith('k8s.io/api/'),
  );
  if (!pkg) return [];
  const prefix = openApiPrefix(pkg.path);
  return Object.keys(pkg.structs).map((name) => `${prefix}.${name}`);
}

function decodeStruct(id: string, { alias, pkg, name, raw }: Entry): StructFacts {
  const [flags, rawFields, group] = raw;
  const fields = rawFields.map((f) => decodeField(f, alias, pkg));
  let jsonFields: Map<string, FieldFacts> | undefined;
  return {
    id,
    name,
    goPackage: pkg.path,
    ...(flags & STRUCT_KIND && pkg.version !== undefined
      ? { gvk: { group: group ?? pkg.group ?? '', version: pkg.version, kind: name } }
      : {}),
    topLevel: (flags & STRUCT_GENCLIENT) !== 0,
    clusterScoped: (flags & STRUCT_CLUSTER_SCOPED) !== 0,
    fields,
    get jsonFields() {
      return (jsonFields ??= flattenJsonFields(fields));
    },
  };
}

function flattenJsonFields(fields: readonly FieldFacts[]): Map<string, FieldFacts> {
  const out = new Map<string, FieldFacts>();
  for (const field of fields) {
    if (!field.json) continue;
    if (!field.inline) {
      // A declared field replaces an embedded one of the same name (Go's shallower-field rule).
      out.set(field.name, field);
      continue;
    }
    if (field.type.kind !== 'object') continue;
    for (const [name, embedded] of requireTypeFacts(field.type.id).jsonFields) {
      if (!out.has(name)) out.set(name, embedded);
    }
  }
  return out;
}

const VARINT_KINDS = new Set(['integer', 'boolean']);

function decodeField(
  [name, dsl, flags = 0, proto = 0, patchStrategy = '', patchMergeKey = '', goType = '']: RawField,
  alias: string,
  pkg: RawPackage,
): FieldFacts {
  const type = parseTypeRef(dsl, alias, table);
  const element = type.kind === 'array' ? type.items : type;
  const wire: WireType = VARINT_KINDS.has(element.kind) ? 'varint' : 'bytes';
  return {
    name,
    type,
    optional: (flags & FIELD_OPTIONAL) !== 0,
    pointer: (flags & FIELD_POINTER) !== 0,
    inline: (flags & FIELD_INLINE) !== 0,
    json: (flags & FIELD_NO_JSON) === 0,
    ...(proto !== 0 && {
      protobuf: { number: proto, wire, repeated: (type.kind === 'array' || type.kind === 'map') },
    }),
    ...(patchStrategy !== '' && { patchStrategy: patchStrategy as PatchStrategy }),
    ...(patchMergeKey !== '' && { patchMergeKey }),
    goType: goType || derivedGoType(dsl, pkg.goName, (a) => table[a]?.goName ?? a),
  };
}
