import { type IncomingMessage, type Server as HttpServer, type ServerResponse, createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type ApiRequest, type ApiResponse, type KubeServer, isStream } from '@kubekit/server';

/**
 * A `node:http`/`node:https` request listener for a kubekit server: it only translates. The
 * request is handed over as it is (no web `Request` is built); the response is written with
 * `writeHead`/`end`, and a stream (watch) is flushed chunk by chunk, waiting for `drain`.
 */
export function createRequestListener(server: Pick<KubeServer, 'handle'>): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    // Made only when a handler reads `signal` (watches do; a GET does not): an AbortController
    // per request, aborted on every close, is a measurable share of a small GET's cost.
    let abort: AbortController | undefined;
    // The response's 'close' fires when the client goes away (the request's fires once the body is read).
    res.on('close', () => abort?.abort());
    const request: ApiRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      header: (name) => {
        const value = req.headers[name];
        return Array.isArray(value) ? value.join(', ') : value;
      },
      body: req,
      get signal() {
        abort ??= new AbortController();
        if (res.closed) abort.abort();
        return abort.signal;
      },
    };
    server.handle(request).then(
      (response) => writeResponse(res, response, () => res.closed),
      (error: unknown) => {
        res.destroy(error instanceof Error ? error : new Error(String(error)));
      },
    );
  };
}

async function writeResponse(res: ServerResponse, response: ApiResponse, closed: () => boolean): Promise<void> {
  const { body } = response;
  if (!isStream(body)) {
    res.writeHead(response.status, response.headers);
    res.end(body);
    return;
  }
  res.writeHead(response.status, response.headers);
  res.flushHeaders();
  const iterator = body[Symbol.asyncIterator]();
  try {
    for (;;) {
      const { value, done } = await iterator.next();
      if (done || closed()) break;
      if (!res.write(value)) await new Promise<void>((resolve) => {
        const settle = () => {
          res.off('drain', settle);
          res.off('close', settle);
          resolve();
        };
        res.on('drain', settle);
        res.on('close', settle);
      });
    }
  } finally {
    await iterator.return?.();
    res.end();
  }
}

export interface ListenOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
}

export interface NodeListener {
  readonly server: HttpServer;
  /** e.g. `https://127.0.0.1:6443` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Serves a kubekit server over `node:http` or `node:https` and resolves once it listens. */
export async function listen(server: Pick<KubeServer, 'handle'>, options: ListenOptions = {}): Promise<NodeListener> {
  const listener = createRequestListener(server);
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
    url: `${options.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      }),
  };
}
