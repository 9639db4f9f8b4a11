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
  const parts = path.split('/').filter((part) => part !== '');
  const nonResource: NonResourceRequestInfo = { isResourceRequest: false, path };
  let rest: string[];
  let group = '';
  let version: string | undefined;
  if (parts[0] === 'api') {
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    group = parts[1] ?? '';
    version = parts[2];
    rest = parts.slice(3);
  } else {
    return nonResource;
  }
  if (!version || rest.length === 0) return nonResource;

  let watchPrefix = false;
  if (rest[0] === 'watch') {
    watchPrefix = true;
    rest = rest.slice(1);
  }
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = decodeURIComponent(rest[1]!);
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2]!)) rest = rest.slice(2);
  }
  if (rest.length === 0 || rest.length > 3) return nonResource;
  const [resource, rawName, subresource] = rest as [string, string | undefined, string | undefined];
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

/** Boolean query parameters as Go's strconv.ParseBool reads them. */
export function isTrue(value: string | null | undefined): boolean {
  return value === 'true' || value === '1' || value === 't' || value === 'T' || value === 'TRUE' || value === 'True';
}
