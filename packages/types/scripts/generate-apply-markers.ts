/**
 * Regenerates two files the facts table has no data for, from the Kubernetes Go types:
 * packages/types/src/generated/apply-markers.ts, the server-side-apply markers (`+listType`,
 * `+listMapKey`, `+mapType`, `+structType`), and src/generated/descriptions.ts, the doc comments
 * of the structs and their fields as OpenAPI descriptions (what `kubectl explain` prints).
 *
 *   npx -y tsx@4 packages/types/scripts/generate-apply-markers.ts --api <k8s.io/api tree> --apimachinery <k8s.io/apimachinery tree>
 *
 * Both arguments are work trees of the two repositories (kubernetes/api and
 * kubernetes/apimachinery). For each package of the facts table, `types.go` of its directory is
 * read (a package without one is skipped), and only structs the facts table has are written.
 *
 * The parser is line-based and relies on gofmt'ed source: a struct is `type Name struct {` up to
 * the `}` at column 0; a field's markers are the comment lines directly above it (a blank line
 * ends a comment group, as in Go doc comments), and its JSON name comes from its `json:"…"` tag.
 * Fields of embedded structs (`json:""` / `json:",inline"`) are repeated on the embedding struct,
 * as in the types' OpenAPI; a struct's own `+structType` is not inherited that way. Block comments
 * are skipped, so a tombstoned field in one is never read. The validation tags `+k8s:listType=…`
 * and friends are not server-side-apply markers and are ignored; fields that have only those are
 * listed in the summary.
 *
 * Note that scripts/generate.ts empties src/generated/ first: run this script after it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FACTS_PACKAGES, FACTS_STRUCTS } from '../src/generated/facts-table.js';
import { openApiPrefix, type RawStructs } from '../src/facts/table-format.js';

type ListType = 'atomic' | 'set' | 'map';
type Granularity = 'atomic' | 'granular';

interface FieldMarkers {
  listType?: ListType;
  listMapKeys?: string[];
  mapType?: Granularity;
  structType?: Granularity;
}

/** A field with its markers and doc comment, or an embedded struct whose fields are inlined (a Go type reference). */
type Member = { json: string; markers: FieldMarkers; doc: string } | { embed: string };

interface ParsedStruct {
  structType?: Granularity;
  /** The struct's doc comment as its OpenAPI description. */
  doc: string;
  members: Member[];
}

interface ParsedFile {
  /** Go import paths by the name they are referred to with. */
  imports: Map<string, string>;
  structs: Map<string, ParsedStruct>;
}

interface TypeMarkers {
  structType?: Granularity;
  fields: [jsonName: string, markers: FieldMarkers][];
}

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = join(packageDir, 'src/generated/apply-markers.ts');
const descriptionsFile = join(packageDir, 'src/generated/descriptions.ts');

function parseArgs(argv: readonly string[]): { api: string; apimachinery: string } {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) args.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (arg.startsWith('--') && i + 1 < argv.length) args.set(arg.slice(2), argv[++i]!);
    else throw new Error(`unexpected argument ${arg}`);
  }
  const api = args.get('api');
  const apimachinery = args.get('apimachinery');
  if (!api || !apimachinery) {
    throw new Error('usage: generate-apply-markers.ts --api <k8s.io/api work tree> --apimachinery <k8s.io/apimachinery work tree>');
  }
  return { api: resolve(api), apimachinery: resolve(apimachinery) };
}

/** Where `types.go` of a Go package is, or undefined for a package of neither repository. */
function typesFile(goPackage: string, roots: { api: string; apimachinery: string }): string | undefined {
  for (const [prefix, root] of [['k8s.io/api/', roots.api], ['k8s.io/apimachinery/', roots.apimachinery]] as const) {
    if (goPackage.startsWith(prefix)) return join(root, goPackage.slice(prefix.length), 'types.go');
  }
  return undefined;
}

const MARKER = /^\/\/\s*\+(listType|listMapKey|mapType|structType)=(.*)$/;
const VALIDATION_MARKER = /^\/\/\s*\+k8s:(listType|listMapKey|mapType|structType)=/;

interface Notes {
  warnings: string[];
  /** Fields with `+k8s:listType` etc. but none of the apply markers. */
  validationOnly: string[];
}

function markersOf(comments: readonly string[], where: string, notes: Notes): FieldMarkers {
  const markers: FieldMarkers = {};
  let validation = false;
  for (const line of comments) {
    if (VALIDATION_MARKER.test(line)) validation = true;
    const m = MARKER.exec(line);
    if (!m) continue;
    const value = m[2]!.trim();
    switch (m[1]) {
      case 'listType':
        if (value !== 'atomic' && value !== 'set' && value !== 'map') notes.warnings.push(`${where}: unknown +listType=${value}`);
        else if (markers.listType && markers.listType !== value) notes.warnings.push(`${where}: conflicting +listType`);
        else markers.listType = value;
        break;
      case 'listMapKey':
        (markers.listMapKeys ??= []).push(value);
        break;
      case 'mapType':
      case 'structType': {
        const key = m[1];
        if (value !== 'atomic' && value !== 'granular') notes.warnings.push(`${where}: unknown +${key}=${value}`);
        else markers[key] = value;
        break;
      }
    }
  }
  if (markers.listMapKeys && markers.listType !== 'map') notes.warnings.push(`${where}: +listMapKey without +listType=map`);
  if (markers.listType === 'map' && !markers.listMapKeys) notes.warnings.push(`${where}: +listType=map without +listMapKey`);
  if (validation && Object.keys(markers).length === 0) notes.validationOnly.push(where);
  return markers;
}

/**
 * A doc comment as kube-openapi writes it into a description: marker lines (`+…`) and `TODO`
 * lines left out, the text cut at a `---` line, lines of a paragraph joined by spaces and
 * paragraphs by a blank line.
 */
function docOf(comments: readonly string[]): string {
  const paragraphs: string[][] = [[]];
  for (const comment of comments) {
    const text = comment.replace(/^\/\/ ?/, '').trimEnd();
    if (text.trimStart().startsWith('+') || text.trimStart().startsWith('TODO')) continue;
    if (text.trim() === '---') break;
    if (text.trim() === '') paragraphs.push([]);
    else paragraphs[paragraphs.length - 1]!.push(text.trim());
  }
  return paragraphs
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join(' '))
    .join('\n\n');
}

/**
 * The JSON name of a field as encoding/json sees it: the tag's name, else the Go name; `''` for an
 * embedded struct whose fields are inlined; undefined for `json:"-"`.
 */
function jsonName(goName: string, tags: string, isEmbedded: boolean, where: string, notes: Notes): string | undefined {
  const m = /(?:^|\s)json:"([^"]*)"/.exec(tags);
  const name = m ? m[1]!.split(',')[0]! : '';
  if (name === '-') return undefined;
  if (name !== '') return name;
  if (isEmbedded) return '';
  notes.warnings.push(`${where}: no json name, using the Go name ${goName}`);
  return goName;
}

/** The imports of a Go file, by the name they are used with. */
function parseImports(lines: readonly string[]): Map<string, string> {
  const imports = new Map<string, string>();
  let inBlock = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === 'import (') inBlock = true;
    else if (inBlock && line === ')') break;
    const spec = inBlock ? line : /^import\s+(.*)$/.exec(line)?.[1];
    const m = spec && /^(?:([A-Za-z_]\w*)\s+)?"([^"]+)"/.exec(spec);
    if (m) imports.set(m[1] ?? m[2]!.split('/').pop()!, m[2]!);
  }
  return imports;
}

/** The structs of one gofmt'ed `types.go` with their markers (including those without any). */
function parseTypesGo(source: string, file: string, notes: Notes): ParsedFile {
  const structs = new Map<string, ParsedStruct>();
  const lines = source.split('\n');
  const imports = parseImports(lines);
  let comments: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.startsWith('//')) {
      comments.push(line);
      continue;
    }
    if (line.startsWith('/*')) {
      while (i < lines.length - 1 && !lines[i]!.includes('*/')) i++;
      comments = [];
      continue;
    }
    const start = /^type\s+([A-Za-z_]\w*)\s+struct\s*\{\s*(\})?$/.exec(lines[i]!);
    if (!start) {
      if (line.startsWith('type ') && comments.some((c) => MARKER.test(c))) {
        notes.warnings.push(`${file}:${i + 1}: markers on a non-struct type: ${line}`);
      }
      comments = [];
      continue;
    }
    const name = start[1]!;
    const type: ParsedStruct = { doc: docOf(comments), members: [] };
    const typeMarkers = markersOf(comments, `${file}:${i + 1} ${name}`, notes);
    if (typeMarkers.structType) type.structType = typeMarkers.structType;
    if (typeMarkers.listType || typeMarkers.mapType || typeMarkers.listMapKeys) {
      notes.warnings.push(`${file}:${i + 1}: list/map markers on struct ${name} ignored`);
    }
    structs.set(name, type);
    comments = [];
    if (start[2]) continue; // `type X struct{}`
    let depth = 0;
    for (i++; i < lines.length; i++) {
      const raw = lines[i]!;
      const text = raw.trim();
      if (depth === 0 && raw.startsWith('}')) break;
      if (text.startsWith('/*')) {
        // A block comment is never a doc comment here: skip it.
        while (i < lines.length - 1 && !lines[i]!.includes('*/')) i++;
        comments = [];
        continue;
      }
      if (text.startsWith('//')) {
        comments.push(text);
        continue;
      }
      if (text === '') {
        comments = [];
        continue;
      }
      const where = `${file}:${i + 1} ${name}`;
      if (depth > 0) {
        // Inside an anonymous struct field: its own fields are not tracked.
        if (text.startsWith('}')) depth--;
        if (text.endsWith('{')) depth++;
        comments = [];
        continue;
      }
      if (text.endsWith('{')) {
        notes.warnings.push(`${where}: anonymous struct field not parsed: ${text}`);
        depth++;
        comments = [];
        continue;
      }
      // `Name Type `tags`` or an embedded `pkg.Type `tags``.
      const field = /^([A-Za-z_][\w, ]*?)\s+([^`]+?)\s*(?:`([^`]*)`)?\s*(?:\/\/.*)?$/.exec(text);
      const embedded = /^\*?([A-Za-z_][\w.]*)\s*(?:`([^`]*)`)?\s*(?:\/\/.*)?$/.exec(text);
      let goName: string;
      let tags: string;
      let embeddedType: string | undefined;
      if (embedded && !field) {
        embeddedType = embedded[1]!;
        goName = embeddedType.split('.').pop()!;
        tags = embedded[2] ?? '';
      } else if (field) {
        goName = field[1]!;
        tags = field[3] ?? '';
        if (goName.includes(',')) notes.warnings.push(`${where}: several names in one field declaration: ${text}`);
      } else {
        notes.warnings.push(`${where}: unparsed struct line: ${text}`);
        comments = [];
        continue;
      }
      const markers = markersOf(comments, `${where}.${goName}`, notes);
      const doc = docOf(comments);
      comments = [];
      const hasMarkers = Object.keys(markers).length > 0;
      const json = jsonName(goName, tags, embeddedType !== undefined, `${where}.${goName}`, notes);
      if (json === undefined || json === '') {
        if (hasMarkers) notes.warnings.push(`${where}.${goName}: markers on an inline or unserialized field ignored`);
        if (json === '') type.members.push({ embed: embeddedType! });
        continue;
      }
      type.members.push({ json, markers, doc });
    }
    if (i >= lines.length) throw new Error(`${file}: struct ${name} not closed`);
    comments = [];
  }
  return { imports, structs };
}

/**
 * The fields of a struct in declaration order with their markers and docs, the fields of embedded
 * structs inlined where they are embedded (as encoding/json and the OpenAPI of the type do); for
 * a field name that occurs twice, the shallower declaration wins as in encoding/json.
 */
function flatten(
  goPackage: string,
  name: string,
  files: ReadonlyMap<string, ParsedFile>,
  notes: Notes,
  seen: readonly string[] = [],
): FlatField[] {
  const key = `${goPackage}.${name}`;
  if (seen.includes(key)) throw new Error(`embedding cycle at ${key}`);
  const struct = files.get(goPackage)?.structs.get(name);
  if (!struct) return [];
  const out: FlatField[] = [];
  for (const member of struct.members) {
    if ('json' in member) {
      out.push({ json: member.json, markers: member.markers, doc: member.doc, depth: 0 });
      continue;
    }
    const dot = member.embed.indexOf('.');
    const pkg = dot < 0 ? goPackage : files.get(goPackage)?.imports.get(member.embed.slice(0, dot));
    const embeddedName = member.embed.slice(dot + 1);
    if (!pkg) {
      notes.warnings.push(`${key}: embedded ${member.embed} of an unknown import; its fields are not inlined`);
      continue;
    }
    if (!files.has(pkg)) {
      notes.warnings.push(`${key}: embedded ${member.embed} of a package outside the facts; its fields are not inlined`);
      continue;
    }
    if (!files.get(pkg)!.structs.has(embeddedName)) {
      notes.warnings.push(`${key}: embedded ${member.embed} is not a struct of ${pkg}/types.go; its fields are not inlined`);
      continue;
    }
    for (const field of flatten(pkg, embeddedName, files, notes, [...seen, key])) out.push({ ...field, depth: field.depth + 1 });
  }
  // encoding/json: of several fields of one name the shallowest is used.
  return out.filter((field) => !out.some((other) => other.json === field.json && other.depth < field.depth));
}

interface FlatField {
  json: string;
  markers: FieldMarkers;
  doc: string;
  depth: number;
}

const hasMarkers = (markers: FieldMarkers) => Object.keys(markers).length > 0;

function emitField(markers: FieldMarkers): string {
  const parts: string[] = [];
  if (markers.listType) parts.push(`listType: '${markers.listType}'`);
  if (markers.listMapKeys) parts.push(`listMapKeys: [${markers.listMapKeys.map((k) => `'${k}'`).join(', ')}]`);
  if (markers.mapType) parts.push(`mapType: '${markers.mapType}'`);
  if (markers.structType) parts.push(`structType: '${markers.structType}'`);
  return `{ ${parts.join(', ')} }`;
}

function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`;
}

function main(): void {
  const roots = parseArgs(process.argv.slice(2));
  const notes: Notes = { warnings: [], validationOnly: [] };
  const entries: [id: string, type: TypeMarkers][] = [];
  const descriptions: [id: string, { description?: string; fields: Record<string, string> }][] = [];
  const skipped: string[] = [];
  const files = new Map<string, ParsedFile>();
  for (const pkg of Object.values(FACTS_PACKAGES)) {
    const file = typesFile(pkg.path, roots);
    if (!file || !existsSync(file)) skipped.push(pkg.path);
    else files.set(pkg.path, parseTypesGo(readFileSync(file, 'utf8'), `${pkg.path}/types.go`, notes));
  }
  if (files.size === 0) throw new Error('no types.go found under the given trees');
  for (const [alias, pkg] of Object.entries(FACTS_PACKAGES)) {
    const parsed = files.get(pkg.path);
    if (!parsed) continue;
    const facts = JSON.parse(FACTS_STRUCTS[alias] ?? '{}') as RawStructs;
    const prefix = openApiPrefix(pkg.path);
    for (const [name, struct] of parsed.structs) {
      const flat = flatten(pkg.path, name, files, notes);
      if (facts[name]) {
        const fields = Object.fromEntries(flat.filter((field) => field.doc).map((field) => [field.json, field.doc]));
        if (struct.doc || Object.keys(fields).length > 0) descriptions.push([`${prefix}.${name}`, { ...(struct.doc && { description: struct.doc }), fields }]);
      }
      const type: TypeMarkers = { fields: flat.filter((field) => hasMarkers(field.markers)).map((field) => [field.json, field.markers]) };
      if (struct.structType) type.structType = struct.structType;
      if (!type.structType && type.fields.length === 0) continue;
      const raw = facts[name];
      if (!raw) {
        notes.warnings.push(`${pkg.path}: struct ${name} has markers but is not in the facts table; left out`);
        continue;
      }
      for (const member of struct.members) {
        if ('json' in member && hasMarkers(member.markers) && !raw[1].some((f) => f[0] === member.json)) {
          notes.warnings.push(`${pkg.path}: ${name}.${member.json} has markers but is not a field of the facts table`);
        }
      }
      entries.push([`${prefix}.${name}`, type]);
    }
  }
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  const lines = entries.map(([id, type]) => {
    const parts: string[] = [];
    if (type.structType) parts.push(`structType: '${type.structType}'`);
    if (type.fields.length) {
      parts.push(`fields: { ${type.fields.map(([name, m]) => `${propertyKey(name)}: ${emitField(m)}`).join(', ')} }`);
    }
    return `  '${id}': { ${parts.join(', ')} },`;
  });
  const out = `// Generated by packages/types/scripts/generate-apply-markers.ts from the +listType/+listMapKey/+mapType/+structType markers of the Kubernetes Go types. Do not edit.

/** The server-side-apply markers of one field. */
export interface ApplyFieldMarkers {
  readonly listType?: 'atomic' | 'set' | 'map';
  /** The keys of a \`listType: 'map'\` list, in order. */
  readonly listMapKeys?: readonly string[];
  readonly mapType?: 'atomic' | 'granular';
  readonly structType?: 'atomic' | 'granular';
}

/** The server-side-apply markers of one struct: its own \`+structType\`, and its fields' by JSON name. */
export interface ApplyTypeMarkers {
  readonly structType?: 'atomic' | 'granular';
  readonly fields?: Readonly<Record<string, ApplyFieldMarkers>>;
}

/** By OpenAPI-style id (\`io.k8s.api.core.v1.PodSpec\`); only structs with at least one marker. */
export const APPLY_MARKERS: Readonly<Record<string, ApplyTypeMarkers>> = {
${lines.join('\n')}
};
`;
  writeFileSync(outFile, out);
  descriptions.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  writeFileSync(
    descriptionsFile,
    `// Generated by packages/types/scripts/generate-apply-markers.ts from the doc comments of the Kubernetes Go types
// (kubernetes/api and kubernetes/apimachinery, Apache-2.0), as their OpenAPI descriptions. Do not edit.

/** By OpenAPI-style id: a struct's description and its fields' by JSON name. */
export const DESCRIPTIONS: Readonly<Record<string, { readonly description?: string; readonly fields: Readonly<Record<string, string>> }>> = ${JSON.stringify(Object.fromEntries(descriptions), null, 1)};
`,
  );
  console.log(`wrote descriptions of ${descriptions.length} structs to ${descriptionsFile}`);

  const fieldCount = entries.reduce((n, [, t]) => n + t.fields.length, 0);
  const structTypes = entries.filter(([, t]) => t.structType).length;
  console.log(`read ${files.size} types.go files; skipped packages without one: ${skipped.join(', ') || 'none'}`);
  console.log(`wrote ${entries.length} structs (${structTypes} with +structType), ${fieldCount} fields to ${outFile}`);
  if (notes.validationOnly.length) {
    console.log(`fields with only +k8s: validation list/map tags, not written (${notes.validationOnly.length}):`);
    for (const line of notes.validationOnly) console.log(`  ${line}`);
  }
  if (notes.warnings.length) {
    console.log(`warnings (${notes.warnings.length}):`);
    for (const line of notes.warnings) console.log(`  ${line}`);
  }
}

main();
