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
    const url = new URL(request.url);
    // A watch stops when the client goes away or when the response body is cancelled, whichever
    // comes first: not every runtime aborts the request's signal when it cancels the body.
    const stop = new AbortController();
    if (request.signal.aborted) stop.abort();
    else request.signal.addEventListener('abort', () => stop.abort(), { once: true });
    const response = await handle({
      method: request.method,
      url: `${url.pathname}${url.search}`,
      ...(basePath && { basePath }),
      header: (name) => request.headers.get(name) ?? undefined,
      ...(request.body && { body: request.body as unknown as AsyncIterable<Uint8Array> }),
      signal: stop.signal,
    });
    const { body } = response;
    if (!isStream(body)) return new Response(body ?? null, { status: response.status, headers: response.headers });
    return new Response(readableStream(body, stop), { status: response.status, headers: response.headers });
  };
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
