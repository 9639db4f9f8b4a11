import type { KubeServer } from '@kubekit/server';
import { type CallOptions, type HttpAnswer, type OpenWatch, call, openWatch } from './http-client.js';

/** What an adapter's test gives the suite: its server listening on a real socket. */
export interface ServedAdapter {
  /** The server URL a kubeconfig would hold: origin and base path, e.g. `http://127.0.0.1:41234/k8s`. */
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `server` through one adapter, mounted at `basePath` ('' for the root), on a free port. */
export type StartAdapter = (server: KubeServer, options: { basePath: string }) => Promise<ServedAdapter>;

/** One served server as the tests see it. */
export class Target {
  constructor(
    readonly server: KubeServer,
    readonly served: ServedAdapter,
    readonly basePath: string,
  ) {}

  /** `http://host:port`, without the base path. */
  get origin(): string {
    return new URL(this.served.url).origin;
  }

  /** A request to a server path (`/api/v1/...`), below the base path. */
  call(path: string, options?: CallOptions): Promise<HttpAnswer> {
    return call(`${this.served.url}${path}`, options);
  }

  /** A request to a path as a client resolves it against the host (an OpenAPI serverRelativeURL). */
  callAbsolute(path: string, options?: CallOptions): Promise<HttpAnswer> {
    return call(`${this.origin}${path}`, options);
  }

  watch(path: string, headers?: Record<string, string>): Promise<OpenWatch> {
    return openWatch(`${this.served.url}${path}`, headers);
  }

  /** Resolves once the server holds `count` watchers (a disconnect is seen by the server a few turns later). */
  async watchers(count: number): Promise<number> {
    while (this.server.stats().watchers !== count) await new Promise((resolve) => setTimeout(resolve, 5));
    return count;
  }
}

/** How many writes the suite's store keeps for watches and continue tokens. */
export const HISTORY_WINDOW = 50;

export const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

export const configMap = (name: string, data: Record<string, string> = { k: 'v' }, labels?: Record<string, string>) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(labels && { labels }) }, data });
