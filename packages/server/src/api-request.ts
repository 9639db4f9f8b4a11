/**
 * The server's own small request/response contract. Adapters translate their framework's
 * objects to these and back; nothing else. It is lighter than the web `Request`/`Response`
 * (no stream wrapping or header object per call) so the Node adapter stays close to bare
 * `node:http`; `toFetchHandler` offers the web-standard form on top of it.
 */
export interface ApiRequest {
  method: string;
  /** The request target as sent: path and query, e.g. `/api/v1/pods?limit=500`. */
  url: string;
  /**
   * The path the server is mounted at (`/k8s` for `app.use('/k8s', …)`), when it is not the root:
   * `url` starts with it, requests outside it are 404, and the URLs the server prints (the OpenAPI
   * v3 index) include it.
   */
  basePath?: string;
  /** A header's value by lower-case name; repeated headers joined with ", ". */
  header(name: string): string | undefined;
  /** The body, read at most once; absent when there is none. */
  body?: AsyncIterable<Uint8Array>;
  /** Aborted when the client goes away: ends watches and other streams. */
  signal: AbortSignal;
}

/** A streamed body (a watch, a long list): each chunk is written and flushed as it comes. */
export type ResponseStream = AsyncIterable<string | Uint8Array>;

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  /**
   * Bytes may be the store's own (a stored object's JSON, a watch frame shared by every watcher):
   * write them, never modify or transfer them.
   */
  body?: string | Uint8Array | ResponseStream;
}

export function isStream(body: ApiResponse['body']): body is ResponseStream {
  return typeof body === 'object' && body !== null && Symbol.asyncIterator in body;
}
