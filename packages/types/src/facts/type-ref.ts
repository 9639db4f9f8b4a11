import type { ScalarKind, TypeRef } from './model.js';
import { openApiPrefix, type RawPackages } from './table-format.js';

const SCALARS: Record<string, TypeRef> = {};
for (const kind of [
  'string',
  'number',
  'boolean',
  'bytes',
  'quantity',
  'int-or-string',
  'time',
  'micro-time',
  'duration',
  'raw',
  'fields-v1',
] satisfies ScalarKind[]) {
  SCALARS[kind] = { kind };
}
SCALARS.int32 = { kind: 'integer', format: 'int32' };
SCALARS.int64 = { kind: 'integer', format: 'int64' };

/** Parses the table's type language (see table-format.ts) for a field declared in package `alias`. */
export function parseTypeRef(dsl: string, alias: string, packages: RawPackages): TypeRef {
  if (dsl.startsWith('[]')) return { kind: 'array', items: parseTypeRef(dsl.slice(2), alias, packages) };
  if (dsl.startsWith('{}')) return { kind: 'map', values: parseTypeRef(dsl.slice(2), alias, packages) };
  const scalar = SCALARS[dsl];
  if (scalar) return scalar;
  const dot = dsl.indexOf('.');
  const [pkgAlias, name] = dot === -1 ? [alias, dsl] : [dsl.slice(0, dot), dsl.slice(dot + 1)];
  const pkg = packages[pkgAlias];
  if (!pkg) throw new Error(`facts table: unknown package ${pkgAlias} in type ${dsl}`);
  return { kind: 'object', id: `${openApiPrefix(pkg.path)}.${name}` };
}
