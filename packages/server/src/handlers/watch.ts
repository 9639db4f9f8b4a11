import { StatusError, parseIncludeObject, toPartialObjectMetadata } from '@kubekit/apimachinery';
import { type ResourceDefinition, convertToTable } from '@kubekit/registry';
import type { Watch, WatchBookmark, WatchItem } from '@kubekit/store';
import type { ApiResponse, ResponseStream } from '../api-request.js';
import { type Representation, negotiate } from '../negotiation.js';
import { concatBytes, utf8 } from '../bytes.js';
import { contentTypeOf } from '../respond.js';
import { type ResourceContext, type ServerStats, integerParam, namespaceOf } from './context.js';
import { readListQuery, validateListQuery } from './list-options.js';
import { metaGroupVersion } from './render.js';

/** The real server's default watch timeout: the minimum request timeout (30 min) times 1 to 2. */
const MIN_REQUEST_TIMEOUT_SECONDS = 1800;

/** How often a watch that allows bookmarks gets a progress bookmark (the watch cache sends one about every minute). */
const BOOKMARK_INTERVAL_MS = 60_000;

const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

/** About the socket's buffer size (a Node stream's default high-water mark). */
const WRITE_GROUP_BYTES = 16 * 1024;

type Encoder = (item: WatchItem) => Uint8Array | undefined;

const isBookmark = (item: WatchItem): item is WatchBookmark => 'initialEventsEnd' in item;

function bookmarkObject(definition: ResourceDefinition, apiVersion: string, resourceVersion: number, initialEventsEnd: boolean) {
  return {
    kind: definition.kind,
    apiVersion,
    metadata: {
      resourceVersion: String(resourceVersion),
      ...(initialEventsEnd && { annotations: { [INITIAL_EVENTS_END]: 'true' } }),
    },
  };
}

const LINE_END = utf8('\n');
const SSE_START = utf8('data: ');
const SSE_END = utf8('\n\n');
const OBJECT_END = utf8('}');

/**
 * One watch event per line (API Concepts, "Watch"): `{"type":…,"object":…}`, or one
 * `data:` frame of a text/event-stream. The plain JSON frame is made from the object's stored
 * bytes and cached on the event, so a write fanned out to many watchers is encoded once and every
 * watcher writes the same bytes.
 */
function eventEncoder(context: ResourceContext, representation: Representation, allowBookmarks: boolean): Encoder {
  const { definition, apiVersion } = context.store;
  const includeObject = parseIncludeObject(context.query.get('includeObject'));
  const frame = (...parts: Uint8Array[]): Uint8Array =>
    representation.format === 'event-stream' ? concatBytes([SSE_START, ...parts, SSE_END]) : concatBytes([...parts, LINE_END]);
  const line = (type: string, objectJson: string) => frame(utf8(`{"type":"${type}","object":${objectJson}}`));
  let columnsSent = false;
  return (item) => {
    if (isBookmark(item)) {
      if (!allowBookmarks && !item.initialEventsEnd) return undefined;
      return line('BOOKMARK', JSON.stringify(bookmarkObject(definition, apiVersion, item.resourceVersion, item.initialEventsEnd)));
    }
    switch (representation.format) {
      case 'table': {
        // Column definitions go with the first event only, as the real server's watch does.
        const table = convertToTable(definition, [item], {
          now: context.now(),
          includeObject,
          noHeaders: columnsSent,
          groupVersion: metaGroupVersion(representation.version),
        });
        columnsSent = true;
        return line(item.type, JSON.stringify(table));
      }
      case 'partial':
        return line(item.type, JSON.stringify(toPartialObjectMetadata(item.object, metaGroupVersion(representation.version))));
      default: {
        let framed = item.encoded.get(representation.format);
        if (framed === undefined) {
          framed = frame(utf8(`{"type":"${item.type}","object":`), item.bytes, OBJECT_END);
          item.encoded.set(representation.format, framed);
        }
        return framed;
      }
    }
  };
}

async function* streamWatch(
  watch: Watch,
  encode: Encoder,
  timeoutMs: number,
  bookmarks: boolean,
  signal: AbortSignal,
  stats: ServerStats,
): AsyncGenerator<Uint8Array, void> {
  const stop = () => watch.stop();
  const timer = setTimeout(stop, timeoutMs);
  const bookmarkTimer = bookmarks && watch.requestBookmark ? setInterval(() => watch.requestBookmark?.(), BOOKMARK_INTERVAL_MS) : undefined;
  signal.addEventListener('abort', stop, { once: true });
  // A client gone before the stream was first read aborted no listener.
  if (signal.aborted) stop();
  try {
    for (;;) {
      const batch = await watch.nextBatch();
      if (!batch) return;
      // Frames are written in groups of about WRITE_GROUP_BYTES: a write per event costs more than
      // copying a few frames, while one buffer for a whole backlog copies all of it at once (with
      // 1,000 lagging watchers that copy was 70 % of the fan-out's CPU).
      let group: Uint8Array[] = [];
      let groupBytes = 0;
      for (const item of batch) {
        const framed = encode(item);
        if (!framed) continue;
        group.push(framed);
        groupBytes += framed.length;
        if (groupBytes >= WRITE_GROUP_BYTES) {
          yield concatBytes(group);
          group = [];
          groupBytes = 0;
        }
      }
      // A lone event (the usual case while a watcher keeps up) is written as the shared cached bytes.
      if (group.length > 0) yield concatBytes(group);
    }
  } finally {
    clearTimeout(timer);
    clearInterval(bookmarkTimer);
    signal.removeEventListener('abort', stop);
    watch.stop();
    stats.watchers--;
  }
}

async function* errorEvent(error: StatusError, event: boolean): ResponseStream {
  const line = JSON.stringify({ type: 'ERROR', object: error.status });
  yield event ? `data: ${line}\n\n` : `${line}\n`;
}

function nameSelector(context: ResourceContext, fieldSelector: string | undefined): string | undefined {
  if (!context.info.name) return fieldSelector;
  const byName = `metadata.name=${context.info.name}`;
  return fieldSelector ? `${fieldSelector},${byName}` : byName;
}

/** A watch: headers at once, then events as they happen, until timeout or disconnect. */
export async function handleWatch(context: ResourceContext): Promise<ApiResponse> {
  const representation = negotiate(context.request.header('accept'), { transforms: true, eventStream: true, yaml: false, protobuf: false });
  const options = readListQuery(context.query, (name) => integerParam(context.query, name));
  validateListQuery(options, true);
  const namespace = namespaceOf(context);
  const fieldSelector = nameSelector(context, options.fieldSelector);
  const headers = { 'cache-control': 'no-cache, private', 'content-type': contentTypeOf(representation) };
  const eventStream = representation.format === 'event-stream';
  let watch: Watch;
  try {
    watch = await context.store.watch({
      ...(namespace && { namespace }),
      ...(options.labelSelector && { labelSelector: options.labelSelector }),
      ...(fieldSelector && { fieldSelector }),
      ...(options.resourceVersion && { resourceVersion: options.resourceVersion }),
      ...(options.sendInitialEvents && { sendInitialEvents: true }),
    });
  } catch (error) {
    // A too-old resourceVersion is reported inside the stream, as the watch cache does.
    if (error instanceof StatusError && error.status.code === 410) {
      return { status: 200, headers, body: errorEvent(error, eventStream) };
    }
    throw error;
  }
  const timeoutSeconds = options.timeoutSeconds ?? MIN_REQUEST_TIMEOUT_SECONDS * (1 + Math.random());
  const encode = eventEncoder(context, representation, options.allowWatchBookmarks);
  context.stats.watchers++;
  const stream = streamWatch(watch, encode, timeoutSeconds * 1000, options.allowWatchBookmarks, context.request.signal, context.stats);
  return { status: 200, headers, body: releasedWhenDropped(stream, watch, context.stats) };
}

/**
 * The stream, its watch released also when it is dropped before its first read: `return()` on a
 * generator that has not started completes it without running its `finally`, which would leave the
 * store's watcher open and counted.
 */
function releasedWhenDropped(stream: AsyncGenerator<string | Uint8Array, void>, watch: Watch, stats: ServerStats): ResponseStream {
  let started = false;
  const iterator: AsyncIterableIterator<string | Uint8Array> = {
    next: () => {
      started = true;
      return stream.next();
    },
    return: () => {
      if (!started) {
        started = true;
        watch.stop();
        stats.watchers--;
      }
      return stream.return();
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
