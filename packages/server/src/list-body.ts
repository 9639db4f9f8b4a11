import type { ResponseStream } from './api-request.js';
import { utf8 } from './bytes.js';

/** Bytes per chunk of a streamed list: a list request holds about one chunk at a time. */
export const LIST_CHUNK_BYTES = 256 * 1024;

const COMMA = utf8(',');

/**
 * `head`, the items' stored bytes separated by commas, then `tail`: a JSON list written without
 * re-encoding a single object (DESIGN: serialize once). Up to one chunk it is one array; a larger
 * list is streamed chunk by chunk, each filled by copying the items' bytes, so the memory a list
 * request takes is one chunk however long the list is. `length` is the whole body's, known before
 * the first byte is written.
 */
export function jsonListBody(head: string, items: readonly Uint8Array[], tail: string): { body: Uint8Array | ResponseStream; length: number } {
  const pieces = listPieces(utf8(head), items, utf8(tail));
  let length = 0;
  for (const piece of pieces) length += piece.length;
  const chunks = fillChunks(pieces, length, LIST_CHUNK_BYTES);
  if (length <= LIST_CHUNK_BYTES) return { body: chunks.next().value ?? new Uint8Array(), length };
  const body = (async function* stream() {
    yield* chunks;
  })();
  return { body, length };
}

/** head, item, comma, item, …, tail: built in one array (a list may have 100,000 items). */
function listPieces(head: Uint8Array, items: readonly Uint8Array[], tail: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [head];
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out.push(COMMA);
    out.push(items[i]!);
  }
  out.push(tail);
  return out;
}

/** Copies the pieces, in order, into consecutive chunks of `size` bytes (the last one shorter). */
function* fillChunks(pieces: readonly Uint8Array[], length: number, size: number): Generator<Uint8Array, void> {
  let remaining = length;
  let chunk = new Uint8Array(Math.min(size, remaining));
  let used = 0;
  for (const piece of pieces) {
    let offset = 0;
    while (offset < piece.length) {
      const count = Math.min(piece.length - offset, chunk.length - used);
      chunk.set(count === piece.length ? piece : piece.subarray(offset, offset + count), used);
      used += count;
      offset += count;
      if (used === chunk.length) {
        yield chunk;
        remaining -= used;
        if (remaining === 0) return;
        chunk = new Uint8Array(Math.min(size, remaining));
        used = 0;
      }
    }
  }
}
