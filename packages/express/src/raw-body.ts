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

/** `application/json` and the `+json` types (the JSON patch types among them). */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * The body of a request whose message a body parser already read (body-parser's own test:
 * complete and no longer readable), as bytes: the ones `keepRawBody` kept, `req.body` when a
 * parser left it raw (`express.raw()`) or as text (`express.text()`), or the JSON of what
 * `express.json()` parsed from a JSON body (the same object, but a key given twice can no longer
 * be reported as a duplicate field). Anything else (a form `express.urlencoded()` parsed) fails
 * with a message that says what to change. Undefined while the message is still unread.
 */
export function consumedBody(req: IncomingMessage & { body?: unknown }): AsyncIterable<Uint8Array> | undefined {
  if (!(req.complete && !req.readable)) return undefined;
  const bytes = rawBodies.get(req) ?? leftBytes(req);
  // A message without Content-Length or Transfer-Encoding has no body (RFC 9112, 6.3): nothing was lost.
  const declared = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  return (async function* () {
    if (bytes !== undefined) yield bytes;
    else if (declared) throw new Error(BODY_ALREADY_READ);
  })();
}

function leftBytes(req: IncomingMessage & { body?: unknown }): Buffer | undefined {
  const { body } = req;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  const parsedJson = typeof body === 'object' && body !== null && JSON_MEDIA_TYPE.test(req.headers['content-type'] ?? '');
  return parsedJson ? Buffer.from(JSON.stringify(body)) : undefined;
}
