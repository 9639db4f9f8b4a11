import { StatusError, parseIncludeObject, toPartialObjectMetadata } from '@kubekit/apimachinery';
import { type ResourceDefinition, convertToTable } from '@kubekit/registry';
import type { Watch, WatchBookmark, WatchEvent, WatchItem } from '@kubekit/store';
import type { ApiResponse, ResponseStream } from '../api-request.js';
import { type Representation, negotiate } from '../negotiation.js';
import { contentTypeOf } from '../respond.js';
import { type ResourceContext, integerParam, namespaceOf } from './context.js';
import { readListQuery, validateListQuery } from './list-options.js';
import { metaGroupVersion } from './render.js';

/** The real server's default watch timeout: the minimum request timeout (30 min) times 1 to 2. */
const MIN_REQUEST_TIMEOUT_SECONDS = 1800;

/** How often a watch that allows bookmarks gets a progress bookmark (the watch cache sends one about every minute). */
const BOOKMARK_INTERVAL_MS = 60_000;

const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

type Encoder = (item: WatchItem) => string;

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

/**
 * One watch event per line (API Concepts, "Watch"): `{"type":…,"object":…}`. The plain JSON
 * line is cached on the event, so one write fanned out to many watchers is encoded once.
 */
function eventEncoder(context: ResourceContext, representation: Representation, allowBookmarks: boolean): Encoder {
  const { definition, apiVersion } = context.store;
  const includeObject = parseIncludeObject(context.query.get('includeObject'));
  const frame = representation.format === 'event-stream' ? (line: string) => `data: ${line}\n\n` : (line: string) => `${line}\n`;
  let columnsSent = false;
  const objectJson = (item: WatchEvent): string => {
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
        return JSON.stringify(table);
      }
      case 'partial':
        return JSON.stringify(toPartialObjectMetadata(item.object, metaGroupVersion(representation.version)));
      default:
        return item.json;
    }
  };
  return (item) => {
    if (isBookmark(item)) {
      if (!allowBookmarks && !item.initialEventsEnd) return '';
      const object = bookmarkObject(definition, apiVersion, item.resourceVersion, item.initialEventsEnd);
      return frame(JSON.stringify({ type: 'BOOKMARK', object }));
    }
    const event = item;
    const plain = representation.format === 'json' || representation.format === 'event-stream';
    if (plain) {
      let line = event.encoded.get('json');
      if (line === undefined) {
        line = `{"type":"${event.type}","object":${event.json}}`;
        event.encoded.set('json', line);
      }
      return frame(line);
    }
    return frame(`{"type":"${event.type}","object":${objectJson(event)}}`);
  };
}

async function* streamWatch(watch: Watch, encode: Encoder, timeoutMs: number, bookmarks: boolean, signal: AbortSignal): ResponseStream {
  const stop = () => watch.stop();
  const timer = setTimeout(stop, timeoutMs);
  const bookmarkTimer = bookmarks && watch.requestBookmark ? setInterval(() => watch.requestBookmark?.(), BOOKMARK_INTERVAL_MS) : undefined;
  signal.addEventListener('abort', stop, { once: true });
  try {
    for (;;) {
      const batch = await watch.nextBatch();
      if (!batch) return;
      let chunk = '';
      for (const item of batch) chunk += encode(item);
      if (chunk) yield chunk;
    }
  } finally {
    clearTimeout(timer);
    clearInterval(bookmarkTimer);
    signal.removeEventListener('abort', stop);
    watch.stop();
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
  return { status: 200, headers, body: streamWatch(watch, encode, timeoutSeconds * 1000, options.allowWatchBookmarks, context.request.signal) };
}
