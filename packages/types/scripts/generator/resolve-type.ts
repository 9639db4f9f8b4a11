import { goNameOfQualifier, type GoPackage, type QualifierResolution } from './go-packages.js';

export interface ResolvedType {
  /** The facts table's type language (see src/facts/table-format.ts). */
  dsl: string;
  /** The type as Go's reflect prints it, pointers removed: `v1.RestartPolicy`, `[]v1.Container`. */
  goType: string;
}

export interface ResolveContext {
  pkg: GoPackage;
  structsOf: (pkgPath: string) => ReadonlySet<string>;
  qualifier: (name: string) => QualifierResolution;
  /** Records a decision worth reporting (named types taken as strings, opaque external types). */
  note: (kind: 'named-string' | 'external', what: string) => void;
}

const META_V1 = 'k8s.io/apimachinery/pkg/apis/meta/v1';
const RUNTIME = 'k8s.io/apimachinery/pkg/runtime';
const INTSTR = 'k8s.io/apimachinery/pkg/util/intstr';

// Types that are structs in Go but have their own JSON form.
const SPECIAL_STRUCTS: Record<string, Record<string, string>> = {
  [META_V1]: { Time: 'time', MicroTime: 'micro-time', Duration: 'duration', FieldsV1: 'fields-v1' },
  [RUNTIME]: { RawExtension: 'raw' },
  [INTSTR]: { IntOrString: 'int-or-string' },
};

// Named types that are not structs and not strings. The facts describe structs only, so these
// (slices and maps given a name, a few integers, interfaces) are listed here.
const NAMED_COMPOSITES: Record<string, string> = {
  ResourceList: '{}quantity',
  Verbs: '[]string',
  ExtraValue: '[]string',
  AttestationValue: '[]string',
};
const NAMED_INTEGERS: Record<string, Record<string, string>> = {
  [INTSTR]: { Type: 'int64' },
};
const INTERFACES: Record<string, ReadonlySet<string>> = {
  [RUNTIME]: new Set(['Object', 'Encoder']),
};

const BUILTINS: Record<string, ResolvedType> = {
  string: { dsl: 'string', goType: 'string' },
  bool: { dsl: 'boolean', goType: 'bool' },
  int32: { dsl: 'int32', goType: 'int32' },
  int64: { dsl: 'int64', goType: 'int64' },
  int: { dsl: 'int64', goType: 'int' },
  float64: { dsl: 'number', goType: 'float64' },
};

// Types of packages outside the facts.
const FOREIGN: Record<string, ResolvedType> = {
  'resource.Quantity': { dsl: 'quantity', goType: 'resource.Quantity' },
  'time.Time': { dsl: 'time', goType: 'time.Time' },
  'time.Duration': { dsl: 'int64', goType: 'time.Duration' },
};
const STRING_PACKAGES = new Set(['types']);

export function resolveGoType(goType: string, ctx: ResolveContext): ResolvedType {
  const type = goType.startsWith('*') ? goType.slice(1) : goType;
  if (type === '[]byte') return { dsl: 'bytes', goType: '[]uint8' };
  if (type.startsWith('[]')) {
    const items = resolveGoType(type.slice(2), ctx);
    return { dsl: `[]${items.dsl}`, goType: `[]${items.goType}` };
  }
  if (type.startsWith('map[')) {
    const close = type.indexOf(']');
    const key = resolveGoType(type.slice(4, close), ctx);
    const values = resolveGoType(type.slice(close + 1), ctx);
    return { dsl: `{}${values.dsl}`, goType: `map[${key.goType}]${values.goType}` };
  }
  const builtin = BUILTINS[type];
  if (builtin) return builtin;
  const foreign = FOREIGN[type];
  if (foreign) return foreign;

  const dot = type.indexOf('.');
  if (dot === -1) return resolveNamed(ctx.pkg, type, ctx);
  const qualifier = type.slice(0, dot);
  const name = type.slice(dot + 1);
  if (STRING_PACKAGES.has(qualifier)) return { dsl: 'string', goType: type };
  const target = ctx.qualifier(qualifier);
  if (target.pkg) return resolveNamed(target.pkg, name, ctx);
  const goName = `${goNameOfQualifier(qualifier)}.${name}`;
  if (target.external) {
    // A package the facts do not cover: keep whatever JSON arrives.
    ctx.note('external', type);
    return { dsl: 'raw', goType: goName };
  }
  ctx.note('named-string', type);
  return { dsl: 'string', goType: goName };
}

function resolveNamed(pkg: GoPackage, name: string, ctx: ResolveContext): ResolvedType {
  const goType = `${pkg.goName}.${name}`;
  const special = SPECIAL_STRUCTS[pkg.path]?.[name];
  if (special) return { dsl: special, goType };
  if (ctx.structsOf(pkg.path).has(name)) {
    return { dsl: pkg.path === ctx.pkg.path ? name : `${pkg.alias}.${name}`, goType };
  }
  const composite = NAMED_COMPOSITES[name];
  if (composite) return { dsl: composite, goType };
  const integer = NAMED_INTEGERS[pkg.path]?.[name];
  if (integer) return { dsl: integer, goType };
  if (INTERFACES[pkg.path]?.has(name)) return { dsl: 'raw', goType };
  ctx.note('named-string', `${pkg.alias}.${name}`);
  return { dsl: 'string', goType };
}

