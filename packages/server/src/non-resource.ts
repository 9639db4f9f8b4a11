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
// /readyz alone also has `etcd-readiness` (k8s.io/apiserver server/options/etcd.go).
const READY_CHECKS = ['ping', 'log', 'etcd', 'etcd-readiness', 'poststarthook/start-apiserver-admission-initializer'];

/** Runs the checks of one endpoint: each check's error, or undefined when it passed. */
async function runChecks(checks: readonly string[], registry: Registry): Promise<Map<string, Error | undefined>> {
  const storageError = await registry.storage.checkHealth?.().then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
  return new Map(checks.map((check) => [check, check.startsWith('etcd') ? storageError : undefined]));
}

/**
 * `/healthz`, `/livez`, `/readyz`, their `?verbose` form and one check's path (`/readyz/etcd`), as
 * the real server words them (k8s.io/apiserver server/healthz): a failing endpoint answers 500 and
 * lists every check, a failing check's reason withheld.
 */
async function health(path: string, query: URLSearchParams, registry: Registry): Promise<ApiResponse | undefined> {
  const [, endpoint = '', ...rest] = path.split('/');
  const only = rest.join('/');
  const checks = endpoint === 'readyz' ? READY_CHECKS : HEALTH_CHECKS;
  if (only !== '') {
    if (!checks.includes(only)) return undefined;
    const error = (await runChecks([only], registry)).get(only);
    return error ? plainText(500, `internal server error: ${error.message}\n`) : plainText(200, 'ok');
  }
  const results = await runChecks(checks, registry);
  const failed = [...results.values()].some((error) => error !== undefined);
  if (!failed && !query.has('verbose')) return plainText(200, 'ok');
  const lines = [...results].map(([check, error]) => (error ? `[-]${check} failed: reason withheld` : `[+]${check} ok`));
  return plainText(failed ? 500 : 200, `${lines.join('\n')}\n${endpoint} check ${failed ? 'failed' : 'passed'}\n`);
}

/** Answers the paths that are not resources: version, health, discovery and OpenAPI; undefined for none. */
export async function serveNonResource(request: ApiRequest, path: string, context: NonResourceContext): Promise<ApiResponse | undefined> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const query = new URLSearchParams(request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '');
  if (trimmed === '/version') return jsonValue(200, context.version);
  if (/^\/(healthz|livez|readyz)(\/[\w/-]+)?$/.test(trimmed)) {
    const answer = await health(trimmed, query, context.registry);
    if (answer) return answer;
  }
  if (trimmed.startsWith('/openapi/')) return context.openapi.serve(trimmed, request);
  return context.discovery.serve(trimmed, request);
}
