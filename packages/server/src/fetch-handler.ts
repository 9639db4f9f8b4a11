import type { ApiRequest, ApiResponse } from './api-request.js';
import { isStream } from './api-request.js';

/** The web-standard contract (`fetch(Request) → Response`) over a server's `handle`, for Hono, Bun, Deno and workers. */
export function toFetchHandler(handle: (request: ApiRequest) => Promise<ApiResponse>): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const response = await handle({
      method: request.method,
      url: `${url.pathname}${url.search}`,
      header: (name) => request.headers.get(name) ?? undefined,
      ...(request.body && { body: request.body as unknown as AsyncIterable<Uint8Array> }),
      signal: request.signal,
    });
    return toWebResponse(response);
  };
}

function toWebResponse(response: ApiResponse): Response {
  const { body } = response;
  if (!isStream(body)) return new Response(body ?? null, { status: response.status, headers: response.headers });
  const encoder = new TextEncoder();
  const iterator = body[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, { status: response.status, headers: response.headers });
}
