import type { ApiRequest, Middleware, RequestInfo } from '@kubekit/server';
import { requestWith } from './request-with.js';

/** One request the cluster answered, as `cluster.requests` keeps it. */
export interface RequestRecord {
  /** The Kubernetes verb (`get`, `list`, `watch`, `patch` …), or the lower-case method for other paths (as RequestInfo). */
  verb: string;
  method: string;
  /** The path without the query. */
  path: string;
  /** The query parameters (the first value of a repeated one). */
  query: Record<string, string>;
  contentType?: string;
  /** The request body as text, cut at {@link MAX_RECORDED_BODY_BYTES}; absent without a body. */
  body?: string;
  userAgent?: string;
  fieldManager?: string;
  /** The response's HTTP status. */
  code: number;
  /** When the request came, in milliseconds since the epoch on the real clock (not `cluster.clock`): to check a client's backoff. */
  startedAt: number;
  /** Until the response started (the headers of a watch), not until a streamed body ended. */
  durationMs: number;
  /** Empty for requests that are not about a resource (discovery, `/version` …). */
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
}

/** A recorded body is cut after this many bytes. */
export const MAX_RECORDED_BODY_BYTES = 16 * 1024;

/**
 * The requests a cluster answered, oldest first: an array (filter, find, `expect(…).toContainEqual`)
 * with `clear()` and `dump()`. `filter` and `map` give plain arrays.
 */
export class RecordedRequests extends Array<RequestRecord> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  /** Forgets every record. */
  clear(): void {
    this.length = 0;
  }

  /** One line per request: `PATCH /api/v1/namespaces/default/configmaps/x?fieldManager=me 200 1.2ms kubectl/v1.35`. */
  dump(): string {
    return this.map(describeRequest).join('\n');
  }
}

export function describeRequest(record: RequestRecord): string {
  const query = new URLSearchParams(record.query).toString();
  const target = query ? `${record.path}?${query}` : record.path;
  return [record.method, target, record.code, `${record.durationMs.toFixed(1)}ms`, record.userAgent ?? '-'].join(' ');
}

/** Keeps at most `limit` bytes of the chunks that pass, and how many passed. */
class BodyTap {
  readonly chunks: Uint8Array[] = [];
  /** Whether the server started reading the body. */
  reading = false;
  kept = 0;
  total = 0;

  constructor(private readonly limit: number) {}

  see(chunk: Uint8Array): void {
    this.total += chunk.byteLength;
    if (this.kept >= this.limit) return;
    const part = chunk.byteLength > this.limit - this.kept ? chunk.subarray(0, this.limit - this.kept) : chunk;
    this.chunks.push(part);
    this.kept += part.byteLength;
  }

  /** Absent when no byte came (the Node adapter hands every request its message as the body). */
  text(): string | undefined {
    if (this.total === 0) return undefined;
    const text = Buffer.concat(this.chunks).toString('utf8');
    return this.total > this.kept ? `${text}… (${this.total} bytes)` : text;
  }
}

/** The body as the server reads it, each chunk also shown to the tap: recording never consumes it. */
async function* tapped(body: AsyncIterable<Uint8Array>, tap: BodyTap): AsyncIterable<Uint8Array> {
  tap.reading = true;
  for await (const chunk of body) {
    tap.see(chunk);
    yield chunk;
  }
}

function firstValues(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) if (!(key in query)) query[key] = value;
  return query;
}

/** A middleware that adds a record to `requests` for every request, once it is answered. */
export function requestRecorder(requests: RecordedRequests, maxBodyBytes = MAX_RECORDED_BODY_BYTES): Middleware {
  return async (request: ApiRequest, info: RequestInfo, next) => {
    const started = performance.now();
    const tap = request.body && new BodyTap(maxBodyBytes);
    const response = await next(tap && request.body ? requestWith(request, { body: tapped(request.body, tap) }) : request);
    // A request answered without reading its body (a fault, a 404) is still recorded with it.
    if (tap && request.body && !tap.reading) for await (const chunk of request.body) tap.see(chunk);
    const queryStart = request.url.indexOf('?');
    const query = firstValues(queryStart < 0 ? '' : request.url.slice(queryStart + 1));
    const resource = info.isResourceRequest ? info : undefined;
    requests.push({
      verb: resource?.verb ?? request.method.toLowerCase(),
      method: request.method,
      path: queryStart < 0 ? request.url : request.url.slice(0, queryStart),
      query,
      contentType: request.header('content-type'),
      body: tap?.text(),
      userAgent: request.header('user-agent'),
      fieldManager: query['fieldManager'],
      code: response.status,
      startedAt: performance.timeOrigin + started,
      durationMs: performance.now() - started,
      resource: resource?.resource ?? '',
      subresource: resource?.subresource ?? '',
      namespace: resource?.namespace ?? '',
      name: resource?.name ?? '',
    });
    return response;
  };
}
