import type { Registry } from '@kubekit/registry';
import type { ApiRequest, ApiResponse } from './api-request.js';
import type { DiscoveryDocuments } from './discovery.js';
import type { OpenApiDocuments } from './openapi.js';
import { jsonValue, plainText } from './respond.js';
import type { VersionInfo } from './version.js';

export interface NonResourceContext {
  discovery: DiscoveryDocuments;
  openapi: OpenApiDocuments;
  version: VersionInfo;
  registry: Registry;
}

const HEALTH_CHECKS = ['ping', 'log', 'etcd', 'poststarthook/start-apiserver-admission-initializer'];

/** `/healthz`, `/livez`, `/readyz` and their `?verbose` form, as the real server words them. */
function health(endpoint: string, query: URLSearchParams): ApiResponse {
  if (!query.has('verbose')) return plainText(200, 'ok');
  const lines = HEALTH_CHECKS.map((check) => `[+]${check} ok`);
  return plainText(200, `${lines.join('\n')}\n${endpoint} check passed\n`);
}

/** Answers the paths that are not resources: version, health, discovery and OpenAPI; undefined for none. */
export async function serveNonResource(request: ApiRequest, path: string, context: NonResourceContext): Promise<ApiResponse | undefined> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const query = new URLSearchParams(request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '');
  switch (trimmed) {
    case '/version':
      return jsonValue(200, context.version);
    case '/healthz':
    case '/livez':
    case '/readyz':
      return health(trimmed.slice(1), query);
  }
  if (/^\/(healthz|livez|readyz)\/[\w/-]+$/.test(trimmed)) return plainText(200, 'ok');
  if (trimmed.startsWith('/openapi/')) return context.openapi.serve(trimmed, request);
  return context.discovery.serve(trimmed, request);
}
