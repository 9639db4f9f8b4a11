import type { ApiRequest, ApiResponse, KubeServer } from '@kubekit/server';

/** A server's `handle` that can be switched to shutting down. */
export interface Drainable {
  handle(request: ApiRequest): Promise<ApiResponse>;
  /**
   * From now on `/readyz` fails, and every open watch (and any started later) ends the way a
   * watch timeout ends it: its stream finishes, so the client reads the closing chunk, not a reset.
   */
  drain(): void;
}

// kube-apiserver's `/readyz` once shutdown has begun: its "shutdown" check fails with a 500
// (healthz.handleRootHealth), the reason withheld from an unauthenticated caller.
const NOT_READY: ApiResponse = {
  status: 500,
  headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
  body: '[-]shutdown failed: reason withheld\nreadyz check failed\n',
};

function isReadyz(url: string): boolean {
  const queryStart = url.indexOf('?');
  const path = queryStart < 0 ? url : url.slice(0, queryStart);
  return path === '/readyz' || path === '/readyz/';
}

/** Wraps `server.handle`: requests go through unchanged, each with a signal that also aborts on `drain()`. */
export function drainable(server: Pick<KubeServer, 'handle'>): Drainable {
  const shutdown = new AbortController();
  return {
    handle(request) {
      if (shutdown.signal.aborted && isReadyz(request.url)) return Promise.resolve(NOT_READY);
      return server.handle(new DrainableRequest(request, shutdown.signal));
    },
    drain: () => shutdown.abort(),
  };
}

/** The request as the adapter gave it, whose signal also aborts on shutdown. */
class DrainableRequest implements ApiRequest {
  readonly method: string;
  readonly url: string;
  readonly basePath: string | undefined;
  readonly body: AsyncIterable<Uint8Array> | undefined;
  #signal: AbortSignal | undefined;

  constructor(
    private readonly request: ApiRequest,
    private readonly shutdown: AbortSignal,
  ) {
    this.method = request.method;
    this.url = request.url;
    this.basePath = request.basePath;
    this.body = request.body;
  }

  header(name: string): string | undefined {
    return this.request.header(name);
  }

  /**
   * Made on first read, as the adapter's is (only streams read it). Its listener on the
   * long-lived shutdown signal is removed when the request ends, so finished requests pile up nowhere.
   */
  get signal(): AbortSignal {
    if (this.#signal === undefined) {
      const abort = new AbortController();
      this.#signal = abort.signal;
      const own = this.request.signal;
      if (own.aborted || this.shutdown.aborted) {
        abort.abort();
      } else {
        const stop = () => abort.abort();
        this.shutdown.addEventListener('abort', stop, { once: true });
        own.addEventListener(
          'abort',
          () => {
            this.shutdown.removeEventListener('abort', stop);
            abort.abort();
          },
          { once: true },
        );
      }
    }
    return this.#signal;
  }
}
