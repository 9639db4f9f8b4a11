import { type Registry, type ResourceStore, type UserInfo, type WriteOptions, managerFromUserAgent } from '@kubekit/registry';
import { newBadRequest } from '@kubekit/apimachinery';
import type { ApiRequest } from '../api-request.js';
import type { NodeConnections } from '../node-connection.js';
import type { ResourceRequestInfo } from '../request-info.js';

/** Everything a verb handler needs about one resource request. */
export interface ResourceContext {
  request: ApiRequest;
  query: URLSearchParams;
  info: ResourceRequestInfo;
  store: ResourceStore;
  registry: Registry;
  maxBodyBytes: number;
  now: () => number;
  /** Who is asking (the configured user while nothing authenticates requests). */
  user: UserInfo;
  /** What the server holds open, counted for `server.stats()`. */
  stats: ServerStats;
  /** The kubelets the server reaches (pods/log). */
  nodes: NodeConnections;
}

/** What a server holds open: `server.stats()` answers a copy. */
export interface ServerStats {
  /** Watches being streamed: each ends on its timeout, on client disconnect, or when the store cuts it off. */
  watchers: number;
}

/** The namespace a request addresses, or undefined for cluster-scoped kinds. */
export function namespaceOf(context: ResourceContext): string | undefined {
  return context.store.definition.namespaced && context.info.namespace ? context.info.namespace : undefined;
}

/**
 * dryRun and fieldManager, common to create, update, patch and delete (API Concepts: dry-run);
 * without a fieldManager, writes are recorded for the User-Agent's product name.
 */
export function writeOptions(context: ResourceContext): WriteOptions {
  const dryRun = context.query.getAll('dryRun');
  for (const value of dryRun) {
    if (value !== 'All') throw newBadRequest(`Invalid dryRun value: "${value}": supported values: "All"`);
  }
  const fieldManager = context.query.get('fieldManager') || managerFromUserAgent(context.request.header('user-agent'));
  return { dryRun: dryRun.length > 0, user: context.user, fieldManager };
}

/** An integer query parameter, or undefined; garbage is 400 as the real query decoder answers. */
export function integerParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw)) throw newBadRequest(`invalid value for ${name}: ${raw}: strconv.ParseInt: parsing "${raw}": invalid syntax`);
  return Number(raw);
}
