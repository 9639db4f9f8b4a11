import { type IncomingMessage, type Server as HttpServer, type ServerResponse, createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type KubeServer, mountPrefix } from '@kubekit/server';
import { handleNodeRequest } from '@kubekit/server/node-http';

/**
 * A `node:http`/`node:https` request listener for a kubekit server: it only translates. The
 * request is handed over as it is (no web `Request` is built); the response is written with
 * `writeHead`/`end`, and a stream (watch, long list) is flushed chunk by chunk, waiting for `drain`.
 */
export function createRequestListener(
  server: Pick<KubeServer, 'handle'>,
  options: RequestListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const nodeOptions = options.basePath ? { basePath: options.basePath } : undefined;
  return (req, res) => handleNodeRequest(server, req, res, nodeOptions);
}

export interface RequestListenerOptions {
  /** Serve the API under this path (`/k8s`): a kubeconfig's server is then `https://host:port/k8s`. */
  basePath?: string;
}

export interface ListenOptions extends RequestListenerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
}

export interface NodeListener {
  readonly server: HttpServer;
  /** e.g. `https://127.0.0.1:6443`, or `https://127.0.0.1:6443/k8s` with a base path */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Serves a kubekit server over `node:http` or `node:https` and resolves once it listens. */
export async function listen(server: Pick<KubeServer, 'handle'>, options: ListenOptions = {}): Promise<NodeListener> {
  const listener = createRequestListener(server, options);
  const httpServer: HttpServer = options.tls ? createHttpsServer(options.tls, listener) : createHttpServer(listener);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    server: httpServer,
    url: `${options.tls ? 'https' : 'http'}://${urlHost}:${port}${mountPrefix(options.basePath)}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      }),
  };
}

export { type KubeconfigOptions, renderKubeconfig } from './kubeconfig.js';
export { LOCAL_SERVING_NAMES, type ServingCertificates, cachedServingCertificates, makeServingCertificates } from './tls.js';
