import { FIELD_INLINE, FIELD_NO_JSON, FIELD_OPTIONAL, STRUCT_KIND } from '../../src/facts/table-format.js';
import type { Model, ModelPackage, ModelStruct } from './build-model.js';
import { GENERATED_HEADER } from './emit-facts.js';

/** TypeScript spelling of the special JSON types, and the package (namespace) that declares each. */
const SPECIAL_TS: Record<string, { alias: string; name: string; ts: string }> = {
  quantity: { alias: 'resource', name: 'Quantity', ts: 'string | number' },
  'int-or-string': { alias: 'intstr', name: 'IntOrString', ts: 'number | string' },
  time: { alias: 'metav1', name: 'Time', ts: 'string' },
  'micro-time': { alias: 'metav1', name: 'MicroTime', ts: 'string' },
  duration: { alias: 'metav1', name: 'Duration', ts: 'string' },
  'fields-v1': { alias: 'metav1', name: 'FieldsV1', ts: '{ [key: string]: unknown }' },
  raw: { alias: 'runtime', name: 'RawExtension', ts: '{ [key: string]: unknown }' },
};
const SPECIAL_DOCS: Record<string, string> = {
  quantity: 'A resource quantity such as `500m` or `1Gi`; servers write strings, clients may send numbers.',
  'int-or-string': 'A port number or name, a count or a percentage.',
  time: 'RFC 3339 date-time with seconds, e.g. `2024-05-01T12:00:00Z`.',
  'micro-time': 'RFC 3339 date-time with microseconds, e.g. `2024-05-01T12:00:00.000000Z`.',
  duration: 'A Go duration string, e.g. `1h30m`.',
  'fields-v1': 'A set of fields in the structured-merge-diff format.',
  raw: 'An embedded object, kept as received.',
};
/**
 * Files for the packages of special types when the facts do not include the package (Quantity's
 * never is): they hold just the aliases.
 */
const SPECIAL_PACKAGE_FILES: Record<string, string> = { resource: 'resource', intstr: 'intstr', metav1: 'meta-v1', runtime: 'runtime' };

const SCALAR_TS: Record<string, string> = {
  string: 'string',
  int32: 'number',
  int64: 'number',
  number: 'number',
  boolean: 'boolean',
  bytes: 'string',
};

interface TsProperty {
  name: string;
  type: string;
  optional: boolean;
}

/** Returns file name (relative to the types directory) → content. */
export function emitTypes(model: Model): Map<string, string> {
  const byAlias = new Map(model.packages.map((p) => [p.pkg.alias, p]));
  const extra = Object.entries(SPECIAL_PACKAGE_FILES).filter(([alias]) => !byAlias.has(alias));
  const fileOf = new Map<string, string>([
    ...model.packages.map((p): [string, string] => [p.pkg.alias, p.pkg.fileName]),
    ...extra,
  ]);
  const files = new Map<string, string>();
  for (const modelPackage of model.packages) {
    files.set(`${modelPackage.pkg.fileName}.ts`, emitPackage(modelPackage, byAlias, fileOf));
  }
  for (const [alias, fileName] of extra) {
    files.set(`${fileName}.ts`, [GENERATED_HEADER, '', specialAliases(alias).join('\n\n'), ''].join('\n'));
  }
  files.set('index.ts', emitBarrel(model, fileOf));
  return files;
}

function emitPackage(
  { pkg, structs }: ModelPackage,
  byAlias: ReadonlyMap<string, ModelPackage>,
  fileOf: ReadonlyMap<string, string>,
): string {
  const used = new Set<string>();
  const tsType = (dsl: string): string => {
    if (dsl.startsWith('[]')) return `${tsType(dsl.slice(2))}[]`;
    if (dsl.startsWith('{}')) return `Record<string, ${tsType(dsl.slice(2))}>`;
    const scalar = SCALAR_TS[dsl];
    if (scalar) return scalar;
    const special = SPECIAL_TS[dsl];
    const [alias, name] = special ? [special.alias, special.name] : splitRef(dsl, pkg.alias);
    if (alias === pkg.alias) return name;
    used.add(alias);
    return `${alias}.${name}`;
  };
  const specialNames = new Set(
    Object.values(SPECIAL_TS)
      .filter((s) => s.alias === pkg.alias)
      .map((s) => s.name),
  );
  const body: string[] = [...specialAliases(pkg.alias)];
  for (const struct of structs) {
    if (specialNames.has(struct.name)) continue;
    const properties = jsonProperties(struct, pkg.alias, byAlias).map(
      (p) => `  ${propertyName(p.name)}${p.optional ? '?' : ''}: ${tsType(p.type)};`,
    );
    const doc = struct.flags & STRUCT_KIND ? `/** Kind ${struct.name} of ${pkg.path}. */\n` : '';
    const declaration = properties.length
      ? `export interface ${struct.name} {\n${properties.join('\n')}\n}`
      : `export type ${struct.name} = Record<string, never>;`;
    body.push(doc + declaration);
  }
  const imports = [...used].sort().map((alias) => `import type * as ${alias} from './${fileOf.get(alias)}.js';`);
  return [GENERATED_HEADER, ...(imports.length ? ['', ...imports] : []), '', body.join('\n\n'), ''].join('\n');
}

function specialAliases(alias: string): string[] {
  return Object.entries(SPECIAL_TS)
    .filter(([, s]) => s.alias === alias)
    .map(([kind, s]) => `/** ${SPECIAL_DOCS[kind]} */\nexport type ${s.name} = ${s.ts};`);
}

/** The struct's JSON fields: embedded structs flattened, the outer field winning a name clash. */
function jsonProperties(struct: ModelStruct, ownAlias: string, byAlias: ReadonlyMap<string, ModelPackage>): TsProperty[] {
  const out = new Map<string, TsProperty>();
  for (const field of struct.fields) {
    if (field.flags & FIELD_NO_JSON) continue;
    if (field.flags & FIELD_INLINE) {
      const [alias, name] = splitRef(field.dsl, ownAlias);
      const embedded = byAlias.get(alias)?.structs.find((s) => s.name === name);
      if (!embedded) continue;
      for (const p of jsonProperties(embedded, alias, byAlias)) {
        if (!out.has(p.name)) out.set(p.name, { ...p, type: qualify(p.type, alias, ownAlias) });
      }
      continue;
    }
    // A declared field replaces an embedded one of the same name (Go's shallower-field rule).
    out.set(field.name, { name: field.name, type: field.dsl, optional: (field.flags & FIELD_OPTIONAL) !== 0 });
  }
  return [...out.values()];
}

/** Rewrites a type of package `from` so it reads correctly inside package `to`. */
function qualify(dsl: string, from: string, to: string): string {
  if (from === to) return dsl;
  const prefix = /^(\[\]|\{\})*/.exec(dsl)![0];
  const rest = dsl.slice(prefix.length);
  if (/^[a-z]/.test(rest) || rest.includes('.')) return dsl;
  return `${prefix}${from}.${rest}`;
}

function splitRef(dsl: string, ownAlias: string): [string, string] {
  const dot = dsl.indexOf('.');
  return dot === -1 ? [ownAlias, dsl] : [dsl.slice(0, dot), dsl.slice(dot + 1)];
}

function propertyName(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`;
}

function emitBarrel(model: Model, fileOf: ReadonlyMap<string, string>): string {
  const aliases = [...fileOf.keys()].sort();
  const lines = [
    GENERATED_HEADER,
    '',
    ...aliases.map((alias) => `import type * as ${alias} from './${fileOf.get(alias)}.js';`),
    '',
    `export type { ${aliases.join(', ')} };`,
    '',
    '/** Every kind by `apiVersion` and `kind`: `Kinds[\'apps/v1\'][\'Deployment\']`. */',
    'export interface Kinds {',
  ];
  const byApiVersion = new Map<string, Map<string, string>>();
  for (const { pkg, structs } of model.packages) {
    for (const struct of structs) {
      if (!(struct.flags & STRUCT_KIND)) continue;
      const group = struct.group ?? pkg.group ?? '';
      const apiVersion = group === '' ? pkg.version! : `${group}/${pkg.version}`;
      let kinds = byApiVersion.get(apiVersion);
      if (!kinds) byApiVersion.set(apiVersion, (kinds = new Map()));
      // API packages sort before meta/v1, so a core/v1 kind wins over a meta/v1 one of the same name.
      if (!kinds.has(struct.name)) kinds.set(struct.name, `${pkg.alias}.${struct.name}`);
    }
  }
  for (const apiVersion of [...byApiVersion.keys()].sort()) {
    lines.push(`  '${apiVersion}': {`);
    const kinds = byApiVersion.get(apiVersion)!;
    for (const kind of [...kinds.keys()].sort()) lines.push(`    ${kind}: ${kinds.get(kind)};`);
    lines.push('  };');
  }
  lines.push('}', '');
  return lines.join('\n');
}
