import type { ApiRequest, ApiResponse, ResponseStream } from './api-request.js';
import { isStream } from './api-request.js';

export interface FetchHandlerOptions {
  /** The path the server is mounted at (see `ApiRequest.basePath`); the root when absent. */
  basePath?: string;
}

/** `fetch(Request) → Response`; a `basePath` given per call (a router that knows its mount) wins over the option. */
export type FetchHandler = (request: Request, basePath?: string) => Promise<Response>;

/** The web-standard contract (`fetch(Request) → Response`) over a server's `handle`, for Hono, Bun, Deno and workers. */
export function toFetchHandler(handle: (request: ApiRequest) => Promise<ApiResponse>, options: FetchHandlerOptions = {}): FetchHandler {
  return async (request, basePath = options.basePath) => {
    const apiRequest = new FetchApiRequest(request, basePath);
    const { status, headers, body } = await handle(apiRequest);
    if (!isStream(body)) return new Response(body ?? null, { status, headers });
    return new Response(readableStream(body, apiRequest.stopper()), { status, headers });
  };
}

/**
 * The `ApiRequest` of a web `Request`. What a GET does not need is read on first use: a
 * runtime's lightweight request (@hono/node-server's) builds the full `Request` when its body is
 * touched, and a signal costs an AbortController and a listener.
 */
class FetchApiRequest implements ApiRequest {
  readonly method: string;
  readonly url: string;
  readonly basePath: string | undefined;
  #stop: AbortController | undefined;

  constructor(
    private readonly request: Request,
    basePath: string | undefined,
  ) {
    this.method = request.method;
    this.url = pathAndQuery(request.url);
    this.basePath = basePath || undefined;
  }

  header(name: string): string | undefined {
    return this.request.headers.get(name) ?? undefined;
  }

  get body(): AsyncIterable<Uint8Array> | undefined {
    return (this.request.body as unknown as AsyncIterable<Uint8Array> | null) ?? undefined;
  }

  get signal(): AbortSignal {
    return this.stopper().signal;
  }

  /**
   * Aborted when the client goes away or when the response body is cancelled, whichever comes
   * first: not every runtime aborts the request's signal when it cancels the body.
   */
  stopper(): AbortController {
    if (this.#stop === undefined) {
      const stop = new AbortController();
      this.#stop = stop;
      const { signal } = this.request;
      if (signal.aborted) stop.abort();
      else signal.addEventListener('abort', () => stop.abort(), { once: true });
    }
    return this.#stop;
  }
}

/** The path and query of an absolute URL as a `Request` serializes it (already normalized). */
function pathAndQuery(url: string): string {
  const scheme = url.indexOf('://');
  const slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
  return slash < 0 ? '/' : url.slice(slash);
}

/**
 * A stream's chunks as a `ReadableStream`, pulled one at a time as the reader wants them. Its
 * `cancel` aborts the request first: an async generator waiting for the next event (an idle
 * watch) cannot be returned until that wait ends, and the abort is what ends it.
 */
function readableStream(body: ResponseStream, stop: AbortController): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = body[Symbol.asyncIterator]();
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (cancelled) return;
      if (done) controller.close();
      else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value);
    },
    async cancel() {
      cancelled = true;
      stop.abort();
      await iterator.return?.();
    },
  });
}
