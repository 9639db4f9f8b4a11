import { type IncomingMessage, type Server as HttpServer, type ServerResponse, createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type ApiRequest, type KubeServer, type ResponseStream, isStream } from '@kubekit/server';

/**
 * The `ApiRequest` of one Node request. A class, so every request shares one shape and the
 * prototype's accessor (an object literal with a getter is built on V8's slow path, which measured
 * as a large share of a small GET).
 */
class NodeApiRequest implements ApiRequest {
  readonly method: string;
  readonly url: string;
  readonly body: IncomingMessage;
  #abort: AbortController | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
  ) {
    this.method = req.method ?? 'GET';
    this.url = req.url ?? '/';
    this.body = req;
  }

  header(name: string): string | undefined {
    const value = this.req.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  /**
   * Made on first read (watches read it; a GET does not): an AbortController per request, aborted
   * on every close, is a measurable share of a small GET's cost. The response's 'close' fires when
   * the client goes away (the request's fires once the body is read).
   */
  get signal(): AbortSignal {
    if (this.#abort === undefined) {
      const abort = new AbortController();
      this.#abort = abort;
      if (this.res.closed) abort.abort();
      else this.res.once('close', () => abort.abort());
    }
    return this.#abort.signal;
  }
}

/**
 * A `node:http`/`node:https` request listener for a kubekit server: it only translates. The
 * request is handed over as it is (no web `Request` is built); the response is written with
 * `writeHead`/`end`, and a stream (watch, long list) is flushed chunk by chunk, waiting for `drain`.
 */
export function createRequestListener(server: Pick<KubeServer, 'handle'>): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const fail = (error: unknown) => res.destroy(error instanceof Error ? error : new Error(String(error)));
    server.handle(new NodeApiRequest(req, res)).then((response) => {
      res.writeHead(response.status, response.headers);
      // A stream that fails after its headers went out can only be cut off.
      if (isStream(response.body)) writeStream(res, response.body).catch(fail);
      else res.end(response.body);
    }, fail);
  };
}

/** A stream's chunks as they come, each after the socket took the one before (`drain`). */
async function writeStream(res: ServerResponse, body: ResponseStream): Promise<void> {
  res.flushHeaders();
  const iterator = body[Symbol.asyncIterator]();
  let failed = false;
  try {
    for (;;) {
      const { value, done } = await iterator.next();
      if (done || res.closed) break;
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
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    await iterator.return?.();
    // A failed stream is cut off (by the caller) rather than ended: ending would send the closing
    // chunk, and the client would take a truncated watch or list for a whole one.
    if (!failed) res.end();
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
