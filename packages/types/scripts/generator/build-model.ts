import { derivedGoType } from '../../src/facts/go-type.js';
import {
  FIELD_INLINE,
  FIELD_NO_JSON,
  FIELD_OPTIONAL,
  FIELD_POINTER,
  STRUCT_CLUSTER_SCOPED,
  STRUCT_GENCLIENT,
  STRUCT_KIND,
} from '../../src/facts/table-format.js';
import { describePackage, META_GROUP_KINDS, resolveQualifier, type GoPackage, type QualifierResolution } from './go-packages.js';
import type { InputFacts, InputField, InputStruct } from './input.js';
import { resolveGoType, type ResolveContext } from './resolve-type.js';

export interface ModelField {
  /** JSON name, or Go name for embedded fields and fields without a JSON name. */
  name: string;
  dsl: string;
  flags: number;
  proto?: number;
  patchStrategy?: string;
  patchMergeKey?: string;
  /** Set only when it differs from what the type language implies. */
  goType?: string;
}

export interface ModelStruct {
  name: string;
  flags: number;
  /** API group of the kind when it differs from its package's. */
  group?: string;
  fields: ModelField[];
}

export interface ModelPackage {
  pkg: GoPackage;
  structs: ModelStruct[];
}

export interface Model {
  packages: ModelPackage[];
  notes: {
    namedStrings: string[];
    external: string[];
    /** Fields whose `wire` in the input disagrees with their Go type; the type wins. */
    wireCorrections: string[];
  };
}

const VARINT_DSL = new Set(['int32', 'int64', 'boolean']);
const PATCH_STRATEGIES = new Set(['merge', 'replace', 'retainKeys', 'merge,retainKeys']);

export function buildModel(input: InputFacts): Model {
  const paths = Object.keys(input.groups).sort();
  const structSets = new Map(
    paths.map((path) => [path, { pkg: describePackage(path), structs: new Set(exportedNames(input.groups[path] ?? {})) }]),
  );
  const namedStrings = new Set<string>();
  const external = new Set<string>();
  const wireCorrections: string[] = [];

  const packages = paths.map((path): ModelPackage => {
    const { pkg } = structSets.get(path)!;
    const structs = input.groups[path] ?? {};
    const qualifiers = resolveQualifiers(structs, structSets);
    const ctx: ResolveContext = {
      pkg,
      structsOf: (p) => structSets.get(p)?.structs ?? new Set(),
      qualifier: (q) => qualifiers.get(q) ?? { external: true },
      note: (kind, what) => (kind === 'external' ? external : namedStrings).add(what),
    };
    const goNameOf = (alias: string): string =>
      [...structSets.values()].find((s) => s.pkg.alias === alias)?.pkg.goName ?? alias;
    const modelStructs = exportedNames(structs).map((name): ModelStruct => {
      const struct = structs[name]!;
      const fields = struct.fields.map((field) => {
        const modelField = buildField(field, ctx, goNameOf);
        const expectedWire = VARINT_DSL.has(modelField.dsl.replace(/^(\[\])+/, '')) ? 'varint' : 'bytes';
        if (field.proto !== undefined && field.wire !== undefined && field.wire !== expectedWire) {
          wireCorrections.push(`${pkg.alias}.${name}.${field.go} (${field.type}): ${field.wire} → ${expectedWire}`);
        }
        return modelField;
      });
      const isKind = pkg.group !== undefined && struct.fields.some(isTypeMeta);
      const flags =
        (struct.genclient ? STRUCT_GENCLIENT : 0) |
        (struct.clusterScoped ? STRUCT_CLUSTER_SCOPED : 0) |
        (isKind ? STRUCT_KIND : 0);
      const group = isKind && pkg.alias === 'metav1' && META_GROUP_KINDS.has(name) ? 'meta.k8s.io' : undefined;
      return { name, flags, ...(group !== undefined && { group }), fields };
    });
    return { pkg, structs: modelStructs };
  });

  return {
    packages,
    notes: { namedStrings: [...namedStrings].sort(), external: [...external].sort(), wireCorrections },
  };
}

function buildField(field: InputField, ctx: ResolveContext, goNameOf: (alias: string) => string): ModelField {
  const resolved = resolveGoType(field.type, ctx);
  const hasJson = field.json !== undefined && field.json !== '-';
  const flags =
    (field.optional ? FIELD_OPTIONAL : 0) |
    (field.type.startsWith('*') ? FIELD_POINTER : 0) |
    (field.inline ? FIELD_INLINE : 0) |
    (!hasJson && !field.inline ? FIELD_NO_JSON : 0);
  const model: ModelField = { name: hasJson && !field.inline ? field.json! : field.go, dsl: resolved.dsl, flags };
  if (field.proto !== undefined) model.proto = field.proto;
  if (field.patchStrategy !== undefined) {
    if (!PATCH_STRATEGIES.has(field.patchStrategy)) {
      throw new Error(`${ctx.pkg.path}: field ${field.go} has unknown patch strategy ${field.patchStrategy}`);
    }
    model.patchStrategy = field.patchStrategy;
  }
  if (field.patchMergeKey !== undefined) model.patchMergeKey = field.patchMergeKey;
  if (resolved.goType !== derivedGoType(resolved.dsl, ctx.pkg.goName, goNameOf)) model.goType = resolved.goType;
  return model;
}

function isTypeMeta(field: InputField): boolean {
  return field.inline === true && /^(\w+\.)?TypeMeta$/.test(field.type);
}

// Unexported Go types (`encodable`) are implementation details of their package.
function exportedNames(structs: Record<string, InputStruct>): string[] {
  return Object.keys(structs)
    .filter((name) => /^[A-Z]/.test(name))
    .sort();
}

function resolveQualifiers(
  structs: Record<string, InputStruct>,
  packages: ReadonlyMap<string, { pkg: GoPackage; structs: ReadonlySet<string> }>,
): Map<string, QualifierResolution> {
  const referenced = new Map<string, Set<string>>();
  for (const struct of Object.values(structs)) {
    for (const field of struct.fields) {
      for (const [, qualifier, name] of field.type.matchAll(/([A-Za-z]\w*)\.([A-Z]\w*)/g)) {
        let names = referenced.get(qualifier!);
        if (!names) referenced.set(qualifier!, (names = new Set()));
        names.add(name!);
      }
    }
  }
  return new Map([...referenced].map(([qualifier, names]) => [qualifier, resolveQualifier(qualifier, names, packages)]));
}
