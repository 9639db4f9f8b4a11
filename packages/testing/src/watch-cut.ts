import type { ResponseStream } from '@kubekit/server';

/** How an injected watch fault ends a watch. */
export type WatchEnding = 'close' | 'reset' | 'expired';

/** The Status of a 410 ERROR event, as the watch cache words a too-old resourceVersion. */
export interface ExpiredStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: 'Expired';
  code: 410;
}

const BOOKMARK_START = '{"type":"BOOKMARK"';
const EVENT_STREAM_DATA = 'data: ';
/** Enough of a frame's start to tell a bookmark. */
const HEAD_BYTES = EVENT_STREAM_DATA.length + BOOKMARK_START.length;

/**
 * Splits a watch body into its frames as the bytes pass (API Concepts, "Watch": one JSON event a
 * line; a text/event-stream frame is a `data:` line and an empty line), telling events from
 * bookmarks. A frame may span chunks.
 */
class WatchFrames {
  #lineHead = '';
  #lineBytes = 0;
  #frameHead = '';

  constructor(private readonly eventStream: boolean) {}

  /**
   * Calls `onFrame` with the offset just past each frame that ends in `chunk`, and whether it is an
   * event (ADDED, MODIFIED, DELETED, ERROR) rather than a BOOKMARK; stops when it returns false.
   */
  scan(chunk: Uint8Array, onFrame: (end: number, isEvent: boolean) => boolean): void {
    let position = 0;
    while (position < chunk.length) {
      const newline = chunk.indexOf(0x0a, position);
      const lineEnd = newline < 0 ? chunk.length : newline;
      const wanted = Math.min(lineEnd, position + HEAD_BYTES - this.#lineHead.length);
      if (wanted > position) this.#lineHead += Buffer.from(chunk.buffer, chunk.byteOffset + position, wanted - position).toString('latin1');
      this.#lineBytes += lineEnd - position;
      if (newline < 0) return;
      position = newline + 1;
      const line = this.#lineHead;
      const empty = this.#lineBytes === 0;
      this.#lineHead = '';
      this.#lineBytes = 0;
      // An event stream's frame ends at the empty line after its data line; a JSON frame at its newline.
      if (!empty) this.#frameHead = line;
      if (this.eventStream ? !empty : empty) continue;
      const head = this.#frameHead.startsWith(EVENT_STREAM_DATA) ? this.#frameHead.slice(EVENT_STREAM_DATA.length) : this.#frameHead;
      if (!onFrame(position, !head.startsWith(BOOKMARK_START))) return;
    }
  }
}

const bytesOf = (chunk: string | Uint8Array): Uint8Array => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk);

/**
 * The watch body passed through until `afterEvents` events (bookmarks pass uncounted), then ended
 * as `ending` says: `close` ends it as the server's timeout does, `reset` cuts the connection,
 * `expired` sends an ERROR event with a 410 Expired Status first. Events are never reordered,
 * duplicated or dropped before the cut; the server's watch is released at it.
 */
export async function* cutWatch(
  body: ResponseStream,
  afterEvents: number,
  ending: WatchEnding,
  eventStream: boolean,
  expired: () => ExpiredStatus,
): ResponseStream {
  const source = body[Symbol.asyncIterator]();
  const frames = new WatchFrames(eventStream);
  let left = afterEvents;
  try {
    while (left > 0) {
      const next = await source.next();
      if (next.done) return;
      const chunk = bytesOf(next.value);
      let cut = -1;
      frames.scan(chunk, (end, isEvent) => {
        if (isEvent && --left === 0) cut = end;
        return cut < 0;
      });
      yield cut < 0 ? chunk : chunk.subarray(0, cut);
    }
  } finally {
    await source.return?.();
  }
  if (ending === 'reset') {
    // Node writes a response chunk on the next tick (the socket is corked until then); cutting the
    // connection in the same tick would drop the events just passed.
    await new Promise((resolve) => setImmediate(resolve));
    throw new Error('watch connection cut by an injected fault');
  }
  if (ending === 'expired') {
    const line = JSON.stringify({ type: 'ERROR', object: expired() });
    yield eventStream ? `data: ${line}\n\n` : `${line}\n`;
  }
}
