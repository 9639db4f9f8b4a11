/** What the generator needs to know about one Go package of the facts. */
export interface GoPackage {
  /** `k8s.io/api/core/v1` */
  path: string;
  /** Namespace in TypeScript and key in the facts table: `corev1`, `metav1`, `runtime`. */
  alias: string;
  /** The Go package clause (`v1`), as Go prints it in type names. */
  goName: string;
  /** File name (no extension) of the package's generated interfaces: `core-v1`. */
  fileName: string;
  /** API group/version of kinds declared in this package. */
  group?: string;
  version?: string;
}

// API groups whose name is not `<package>.k8s.io`.
const GROUP_NAMES: Record<string, string> = {
  core: '',
  apps: 'apps',
  autoscaling: 'autoscaling',
  batch: 'batch',
  policy: 'policy',
  rbac: 'rbac.authorization.k8s.io',
  flowcontrol: 'flowcontrol.apiserver.k8s.io',
};

const META_V1 = 'k8s.io/apimachinery/pkg/apis/meta/v1';

/**
 * meta/v1 kinds live in the `meta.k8s.io` group when served as responses of their own
 * (`as=Table;g=meta.k8s.io`); the rest (Status, DeleteOptions, …) are served as `v1`.
 */
export const META_GROUP_KINDS = new Set(['Table', 'TableOptions', 'PartialObjectMetadata', 'PartialObjectMetadataList']);

export function describePackage(path: string): GoPackage {
  const api = /^k8s\.io\/api\/([a-z0-9]+)\/(v[a-z0-9]+)$/.exec(path);
  if (api) {
    const [, name = '', version = ''] = api;
    return {
      path,
      alias: `${name}${version}`,
      goName: version,
      fileName: `${name}-${version}`,
      group: GROUP_NAMES[name] ?? `${name}.k8s.io`,
      version,
    };
  }
  if (path === META_V1) {
    return { path, alias: 'metav1', goName: 'v1', fileName: 'meta-v1', group: '', version: 'v1' };
  }
  const last = path.slice(path.lastIndexOf('/') + 1);
  return { path, alias: last, goName: last, fileName: last };
}

const VERSION_SUFFIX = /v\d+(?:(?:alpha|beta)\d+)?$/;

/** Go's package name for an import alias: `corev1` → `v1`, `resource` → `resource`. */
export function goNameOfQualifier(qualifier: string): string {
  return VERSION_SUFFIX.exec(qualifier)?.[0] ?? qualifier;
}

export interface QualifierResolution {
  /** The package the qualifier imports, when it is one of the facts' packages. */
  pkg?: GoPackage;
  /** True when no package of the facts can be what the qualifier imports. */
  external: boolean;
}

/**
 * Works out which package an import alias (`v1`, `corev1`, `apiv1`) of `fromPath` refers to. The
 * facts keep only type names, so: an unversioned alias is the package of that name; an alias
 * spelled `<name><version>` whose `<name>/<version>` exists wins; otherwise the `<version>` package
 * in which the most referenced names are structs.
 */
export function resolveQualifier(
  qualifier: string,
  referencedNames: ReadonlySet<string>,
  packages: ReadonlyMap<string, { pkg: GoPackage; structs: ReadonlySet<string> }>,
): QualifierResolution {
  const version = VERSION_SUFFIX.exec(qualifier)?.[0];
  if (!version) {
    const byName = [...packages.values()].find(({ pkg }) => pkg.path.endsWith(`/${qualifier}`));
    return byName ? { pkg: byName.pkg, external: false } : { external: true };
  }
  const prefix = qualifier.slice(0, -version.length);
  const candidates = [...packages.values()].filter(({ pkg }) => pkg.path.endsWith(`/${version}`));
  const named = candidates.find(({ pkg }) => prefix !== '' && pkg.path.endsWith(`/${prefix}/${version}`));
  if (named) return { pkg: named.pkg, external: false };
  let best: { pkg: GoPackage; score: number } | undefined;
  for (const { pkg, structs } of candidates) {
    const score = [...referencedNames].filter((name) => structs.has(name)).length;
    if (score > (best?.score ?? 0)) best = { pkg, score };
  }
  if (best) return { pkg: best.pkg, external: false };
  return { external: candidates.length === 0 };
}
