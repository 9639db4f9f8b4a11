import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiRequest } from '../api-request.js';

/** What a framework on top of `node:http` knows better than the bare message. */
export interface NodeRequestOptions {
  /** The request target to hand over (default `req.url`). */
  url?: string;
  /** The path the server is mounted at (see `ApiRequest.basePath`). */
  basePath?: string;
  /** The body to hand over instead of the message itself (a framework that already read it). */
  body?: AsyncIterable<Uint8Array>;
}

/**
 * The `ApiRequest` of one Node request. A class, so every request shares one shape and the
 * prototype's accessor (an object literal with a getter is built on V8's slow path, which measured
 * as a large share of a small GET).
 */
export class NodeApiRequest implements ApiRequest {
  readonly method: string;
  readonly url: string;
  readonly basePath: string | undefined;
  readonly body: AsyncIterable<Uint8Array>;
  #abort: AbortController | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    options?: NodeRequestOptions,
  ) {
    this.method = req.method ?? 'GET';
    this.url = options?.url ?? req.url ?? '/';
    this.basePath = options?.basePath;
    this.body = options?.body ?? req;
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
