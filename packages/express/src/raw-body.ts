import type { IncomingMessage, ServerResponse } from 'node:http';

const rawBodies = new WeakMap<IncomingMessage, Buffer>();

/**
 * A body parser's `verify` hook that keeps the bytes it read, for an app whose `express.json()`
 * (or `text`, `urlencoded`) runs before the Kubernetes router: `express.json({ verify: keepRawBody })`.
 */
export function keepRawBody(req: IncomingMessage, _res: ServerResponse, buffer: Buffer): void {
  rawBodies.set(req, buffer);
}

export const BODY_ALREADY_READ =
  'the request body was read by a body parser before kubeRouter, which keeps no bytes to decode: ' +
  'mount kubeRouter before express.json() and the like, or give them { verify: keepRawBody }';

/**
 * The body of a request whose message a body parser already read (body-parser's own test:
 * complete and no longer readable), as bytes: the ones `keepRawBody` kept, or `req.body` when a
 * parser left it raw (`express.raw()`) or as text (`express.text()`). A parsed object cannot give
 * back the bytes a patch or a duplicate-field check needs, so reading such a body fails with a
 * message that says what to change. Undefined while the message is still unread.
 */
export function consumedBody(req: IncomingMessage & { body?: unknown }): AsyncIterable<Uint8Array> | undefined {
  if (!(req.complete && !req.readable)) return undefined;
  const bytes = rawBodies.get(req) ?? (Buffer.isBuffer(req.body) ? req.body : typeof req.body === 'string' ? Buffer.from(req.body) : undefined);
  // A message without Content-Length or Transfer-Encoding has no body (RFC 9112, 6.3): nothing was lost.
  const declared = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  return (async function* () {
    if (bytes !== undefined) yield bytes;
    else if (declared) throw new Error(BODY_ALREADY_READ);
  })();
}
