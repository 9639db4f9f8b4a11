import { FACTS_PACKAGES, FACTS_STRUCTS } from '../generated/facts-table.js';
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
  type RawStructs,
} from './table-format.js';
import { parseTypeRef } from './type-ref.js';

const META_V1 = 'metav1';

// Everything here is built on first use; a package's structs are parsed when one of them is asked for.
let aliasByPrefix: Map<string, string> | undefined;
const parsedStructs = new Map<string, RawStructs>();
const decoded = new Map<string, StructFacts>();
const kinds = new Map<string, StructFacts>();

function structsOf(alias: string): RawStructs {
  let structs = parsedStructs.get(alias);
  if (!structs) {
    const json = FACTS_STRUCTS[alias];
    if (json === undefined) throw new Error(`facts table: unknown package ${alias}`);
    structs = JSON.parse(json) as RawStructs;
    parsedStructs.set(alias, structs);
  }
  return structs;
}

function aliasOfPrefix(prefix: string): string | undefined {
  aliasByPrefix ??= new Map(Object.entries(FACTS_PACKAGES).map(([alias, pkg]) => [openApiPrefix(pkg.path), alias]));
  return aliasByPrefix.get(prefix);
}

let packageByGroupVersion: Map<string, string> | undefined;

/** The API package (not meta/v1) that declares the kinds of `group/version` (the first, if several do). */
function apiPackageOf(group: string, version: string): string | undefined {
  if (packageByGroupVersion === undefined) {
    packageByGroupVersion = new Map();
    for (const [alias, pkg] of Object.entries(FACTS_PACKAGES)) {
      const key = `${pkg.group}/${pkg.version}`;
      if (alias !== META_V1 && !packageByGroupVersion.has(key)) packageByGroupVersion.set(key, alias);
    }
  }
  return packageByGroupVersion.get(`${group}/${version}`);
}

const prefixes = new Map<string, string>();

/** The OpenAPI id prefix of a package's structs (`io.k8s.api.core.v1`). */
function prefixOf(alias: string): string {
  let prefix = prefixes.get(alias);
  if (prefix === undefined) {
    prefix = openApiPrefix(FACTS_PACKAGES[alias]!.path);
    prefixes.set(alias, prefix);
  }
  return prefix;
}

function kindIn(alias: string, gvk: GroupVersionKind): StructFacts | undefined {
  const raw = structsOf(alias)[gvk.kind];
  if (!raw || !(raw[0] & STRUCT_KIND)) return undefined;
  const pkg = FACTS_PACKAGES[alias]!;
  if ((raw[2] ?? pkg.group) !== gvk.group || pkg.version !== gvk.version) return undefined;
  return getTypeFacts(`${prefixOf(alias)}.${gvk.kind}`);
}

/** Facts of a struct by OpenAPI-style id (`io.k8s.api.core.v1.PodSpec`). */
export function getTypeFacts(id: string): StructFacts | undefined {
  const cached = decoded.get(id);
  if (cached) return cached;
  const dot = id.lastIndexOf('.');
  const alias = aliasOfPrefix(id.slice(0, dot));
  if (alias === undefined) return undefined;
  const name = id.slice(dot + 1);
  const raw = structsOf(alias)[name];
  if (!raw) return undefined;
  const facts = decodeStruct(id, alias, name, raw);
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
 * Facts of the struct serialized as `kind` in `group/version`. meta/v1 kinds are found as the
 * apiserver serves them: Status and friends in `v1`, Table in `meta.k8s.io/v1`, and the options
 * and WatchEvent it registers in every group version (a DeleteOptions body may say `apps/v1`).
 */
export function findKind(gvk: GroupVersionKind): StructFacts | undefined {
  const key = `${gvk.group}/${gvk.version}/${gvk.kind}`;
  const cached = kinds.get(key);
  if (cached) return cached;
  const alias = apiPackageOf(gvk.group, gvk.version);
  const found = (alias !== undefined && kindIn(alias, gvk)) || kindIn(META_V1, gvk);
  // Remembered only when the table itself has the group version: a kind found under any group
  // version a client names (KINDS_IN_EVERY_GROUP_VERSION) would let the cache grow without bound.
  if (found) kinds.set(key, found);
  return found || (KINDS_IN_EVERY_GROUP_VERSION.has(gvk.kind) ? getTypeFacts(`${prefixOf(META_V1)}.${gvk.kind}`) : undefined);
}

/** Every kind of the table (this parses the whole table). */
export function listKinds(): GroupVersionKind[] {
  const out: GroupVersionKind[] = [];
  for (const [alias, pkg] of Object.entries(FACTS_PACKAGES)) {
    if (pkg.version === undefined) continue;
    for (const [name, raw] of Object.entries(structsOf(alias))) {
      if (raw[0] & STRUCT_KIND) out.push({ group: raw[2] ?? pkg.group ?? '', version: pkg.version, kind: name });
    }
  }
  return out;
}

/** Ids of every struct declared in the Go package that serves `group/version` (empty if none). */
export function structIdsOf({ group, version }: GroupVersion): string[] {
  const alias = apiPackageOf(group, version);
  if (alias === undefined) return [];
  const prefix = prefixOf(alias);
  return Object.keys(structsOf(alias)).map((name) => `${prefix}.${name}`);
}

function decodeStruct(id: string, alias: string, name: string, raw: RawStruct): StructFacts {
  const pkg = FACTS_PACKAGES[alias]!;
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
  const type = parseTypeRef(dsl, alias, FACTS_PACKAGES);
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
    goType: goType || derivedGoType(dsl, pkg.goName, (a) => FACTS_PACKAGES[a]?.goName ?? a),
  };
}
