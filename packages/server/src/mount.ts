/**
 * The path a request addresses below the point the server is mounted at: `/k8s/api/v1` under
 * `/k8s` is `/api/v1`, `/k8s` itself is `/`; undefined when the path is outside it (`/k8sx`).
 * A client given a server URL with a path (`https://host:port/k8s`) puts that path in front of
 * every request (client-go's rest.Config Host/APIPath), so the server only has to take it off.
 */
export function pathBelow(basePath: string, path: string): string | undefined {
  const base = basePath.endsWith('/') ? basePath.slice(0, -1) : basePath;
  if (base === '') return path;
  if (!path.startsWith(base)) return undefined;
  if (path.length === base.length) return '/';
  return path.charCodeAt(base.length) === 47 /* '/' */ ? path.slice(base.length) : undefined;
}

/** The base path as printed before a server path: no trailing slash, '' at the root. */
export function mountPrefix(basePath: string | undefined): string {
  if (!basePath) return '';
  return basePath.endsWith('/') ? basePath.slice(0, -1) : basePath;
}
