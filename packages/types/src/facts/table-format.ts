/**
 * The compact form of the facts table that `scripts/generate.ts` writes to
 * `src/generated/facts-table.ts`: a small index of packages, and each package's structs as JSON
 * text, parsed when the package is first needed and decoded into `StructFacts` one struct at a time.
 *
 * A field is `[name, type, flags, proto, patchStrategy, patchMergeKey, goType]`; trailing entries
 * are left out when empty. `type` is a small language:
 * - scalars: `string int32 int64 number boolean bytes quantity int-or-string time micro-time duration raw fields-v1`
 * - `[]T` an array, `{}T` a map with string keys,
 * - `Name` a struct of the same package, `alias.Name` a struct of another package.
 */
export type RawField = readonly [
  name: string,
  type: string,
  flags?: number,
  proto?: number,
  patchStrategy?: string,
  patchMergeKey?: string,
  goType?: string,
];

/** `[flags, fields]`, or `[flags, fields, group]` when the kind's API group differs from its package's. */
export type RawStruct = readonly [flags: number, fields: readonly RawField[], group?: string];

export interface RawPackage {
  /** Go import path. */
  readonly path: string;
  /** Go package name (`v1`), used in Go-style type names. */
  readonly goName: string;
  /** API group and version of the kinds declared here, if this is an API package. */
  readonly group?: string;
  readonly version?: string;
}

/** Packages by alias (`corev1`, `metav1`), the alias being what qualifies types of other packages. */
export type RawPackages = { readonly [alias: string]: RawPackage };

export type RawStructs = { readonly [name: string]: RawStruct };

/** Each package's {@link RawStructs} as JSON text, by alias. */
export type RawStructsJson = { readonly [alias: string]: string };

export const FIELD_OPTIONAL = 1;
export const FIELD_POINTER = 2;
export const FIELD_INLINE = 4;
export const FIELD_NO_JSON = 8;

export const STRUCT_GENCLIENT = 1;
export const STRUCT_CLUSTER_SCOPED = 2;
/** Embeds TypeMeta: a kind with `apiVersion` and `kind`. */
export const STRUCT_KIND = 4;

/** `k8s.io/api/core/v1` → `io.k8s.api.core.v1`, the prefix Kubernetes' OpenAPI uses for ids. */
export function openApiPrefix(goPackage: string): string {
  return goPackage.replace(/^k8s\.io\//, 'io.k8s.').replaceAll('/', '.');
}
