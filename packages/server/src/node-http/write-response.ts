import type { ServerResponse } from 'node:http';
import { type ApiResponse, type ResponseStream, isStream } from '../api-request.js';

/**
 * Writes an answer onto a Node response: a plain body with `writeHead`/`end` at once, a stream
 * (watch, long list) chunk by chunk, each after the socket took the one before.
 */
export function writeApiResponse(res: ServerResponse, response: ApiResponse): void {
  const { status, headers, body } = response;
  if (isStream(body)) {
    res.writeHead(status, headers);
    // A stream that fails after its headers went out can only be cut off.
    writeStream(res, body).catch((error: unknown) => destroyResponse(res, error));
    return;
  }
  // A whole body goes out with its length rather than in chunked framing: one buffer less per
  // answer, and what Go's server sends for a small answer written at once.
  res.writeHead(status, body === undefined || headers['content-length'] !== undefined ? headers : { ...headers, 'content-length': byteLength(body) });
  res.end(body);
}

function byteLength(body: string | Uint8Array): number {
  return typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
}

/** Cuts a response off: the client sees the connection reset, never a clean end. */
export function destroyResponse(res: ServerResponse, error: unknown): void {
  res.destroy(error instanceof Error ? error : new Error(String(error)));
}

/** A stream's chunks as they come, each after the socket took the one before (`drain`). */
async function writeStream(res: ServerResponse, body: ResponseStream): Promise<void> {
  res.flushHeaders();
  const iterator = body[Symbol.asyncIterator]();
  let failed = false;
  try {
    for (;;) {
      const { value, done } = await iterator.next();
      if (done || res.closed) break;
      if (!res.write(value)) await drained(res);
    }
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    await iterator.return?.();
    // A failed stream is cut off (by the caller) rather than ended: ending would send the closing
    // chunk, and the client would take a truncated watch or list for a whole one.
    if (!failed) res.end();
  }
}

/** Resolves once the socket wants more (`drain`) or is gone (`close`). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const settle = () => {
      res.off('drain', settle);
      res.off('close', settle);
      resolve();
    };
    res.on('drain', settle);
    res.on('close', settle);
  });
}
