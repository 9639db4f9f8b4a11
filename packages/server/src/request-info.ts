/**
 * What a request is about, worked out from its path alone (k8s.io/apiserver RequestInfoFactory).
 * Resource paths:
 *   /api/v1/{resource}[/{name}[/{subresource}]]
 *   /api/v1/namespaces/{namespace}/{resource}[/{name}[/{subresource}]]
 *   /apis/{group}/{version}/… the same
 *   /api/v1/watch/… and /apis/{group}/{version}/watch/… (the legacy watch prefix)
 */
export type ResourceVerb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface ResourceRequestInfo {
  isResourceRequest: true;
  verb: ResourceVerb;
  group: string;
  version: string;
  /** Empty for cluster-wide requests. */
  namespace: string;
  resource: string;
  name: string;
  subresource: string;
}

export interface NonResourceRequestInfo {
  isResourceRequest: false;
  path: string;
}

export type RequestInfo = ResourceRequestInfo | NonResourceRequestInfo;

// Subresources of a namespace that are not content inside it (k8s: namespaceSubresources).
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function parseRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const parts = segments(path);
  const nonResource: NonResourceRequestInfo = { isResourceRequest: false, path };
  // `at` walks the parts instead of slicing copies: this runs for every request.
  let at: number;
  let group = '';
  let version: string | undefined;
  if (parts[0] === 'api') {
    version = parts[1];
    at = 2;
  } else if (parts[0] === 'apis') {
    group = parts[1] ?? '';
    version = parts[2];
    at = 3;
  } else {
    return nonResource;
  }
  if (!version || at >= parts.length) return nonResource;

  let watchPrefix = false;
  if (parts[at] === 'watch') {
    watchPrefix = true;
    at++;
  }
  let namespace = '';
  if (parts[at] === 'namespaces' && parts.length - at > 1) {
    namespace = decodeURIComponent(parts[at + 1]!);
    if (parts.length - at > 2 && !NAMESPACE_SUBRESOURCES.has(parts[at + 2]!)) at += 2;
  }
  const count = parts.length - at;
  if (count === 0 || count > 3) return nonResource;
  const resource = parts[at]!;
  const rawName = parts[at + 1];
  const subresource = parts[at + 2];
  const name = rawName === undefined ? '' : decodeURIComponent(rawName);
  if (resource === 'namespaces' && name) namespace = '';

  const watching = watchPrefix || isTrue(query.get('watch'));
  let verb: ResourceVerb;
  switch (method) {
    case 'GET':
    case 'HEAD':
      verb = watching ? 'watch' : name ? 'get' : 'list';
      break;
    case 'POST':
      verb = 'create';
      break;
    case 'PUT':
      verb = 'update';
      break;
    case 'PATCH':
      verb = 'patch';
      break;
    case 'DELETE':
      verb = name ? 'delete' : 'deletecollection';
      break;
    default:
      return nonResource;
  }
  return { isResourceRequest: true, verb, group, version, namespace, resource, name, subresource: subresource ?? '' };
}

/** The path's segments, without the empty ones (leading, trailing and doubled slashes). */
function segments(path: string): string[] {
  const parts = (path.startsWith('/') ? path.slice(1) : path).split('/');
  return parts.includes('') ? parts.filter((part) => part !== '') : parts;
}

/** Boolean query parameters as Go's strconv.ParseBool reads them. */
export function isTrue(value: string | null | undefined): boolean {
  return value === 'true' || value === '1' || value === 't' || value === 'T' || value === 'TRUE' || value === 'True';
}
