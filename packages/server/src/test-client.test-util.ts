import type { ApiRequest, ApiResponse } from './api-request.js';
import { isStream } from './api-request.js';

export interface TestRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
}

/** Calls `handle` as an adapter would, for tests of the server core without a socket. */
export function requester(handle: (request: ApiRequest) => Promise<ApiResponse>) {
  return async (url: string, init: TestRequest = {}): Promise<ApiResponse> => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(init.headers ?? {})) headers[name.toLowerCase()] = value;
    const text = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    return handle({
      method: init.method ?? 'GET',
      url,
      header: (name) => headers[name],
      ...(text !== undefined && {
        body: (async function* () {
          yield Buffer.from(text);
        })(),
      }),
      signal: init.signal ?? new AbortController().signal,
    });
  };
}

const utf8 = new TextDecoder();
const text = (chunk: string | Uint8Array): string => (typeof chunk === 'string' ? chunk : utf8.decode(chunk));

/** A non-streamed body as parsed JSON. */
export function json<T = Record<string, unknown>>(response: ApiResponse): T {
  const { body } = response;
  if (body === undefined || isStream(body)) throw new Error('no whole body');
  return JSON.parse(text(body)) as T;
}

/** Reads a streamed body chunk by chunk, as text. */
export async function* chunks(response: ApiResponse): AsyncGenerator<string> {
  if (!isStream(response.body)) throw new Error('not a stream');
  for await (const chunk of response.body) yield text(chunk);
}
