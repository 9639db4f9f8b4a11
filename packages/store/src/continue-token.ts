import { invalidContinue } from './errors.js';

/** Where the next page of a paged list starts: the snapshot's revision and the next key. */
export interface ContinuePosition {
  resourceVersion: number;
  /** The first key of the next page. */
  key: string;
}

/**
 * Shaped like Kubernetes' own token (base64url JSON of `{v, rv, start}`), with `start` relative to
 * the listed prefix, so a token cannot reach keys outside the prefix it was issued for.
 */
interface TokenBody {
  v: string;
  rv: number;
  start: string;
}

const VERSION = 'meta.k8s.io/v1';

export function encodeContinue(prefix: string, position: ContinuePosition): string {
  const body: TokenBody = { v: VERSION, rv: position.resourceVersion, start: position.key.slice(prefix.length) };
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Fails with `InvalidContinue` for anything `encodeContinue` did not make. */
export function decodeContinue(prefix: string, token: string): ContinuePosition {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw invalidContinue(prefix, 'not a base64url token');
  let body: unknown;
  try {
    const binary = atob(token.replaceAll('-', '+').replaceAll('_', '/'));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw invalidContinue(prefix, 'not a base64url JSON token');
  }
  if (!isTokenBody(body)) throw invalidContinue(prefix, 'server does not recognize this encoded token');
  if (!Number.isSafeInteger(body.rv) || body.rv <= 0) throw invalidContinue(prefix, `incorrect encoded start resourceVersion (version ${VERSION})`);
  return { resourceVersion: body.rv, key: prefix + body.start };
}

function isTokenBody(value: unknown): value is TokenBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return body.v === VERSION && typeof body.rv === 'number' && typeof body.start === 'string';
}
