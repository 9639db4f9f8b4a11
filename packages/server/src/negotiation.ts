import { newNotAcceptable, newUnsupportedMediaType } from '@kubekit/apimachinery';

export interface MediaRange {
  type: string;
  subtype: string;
  params: Record<string, string>;
  q: number;
}

/** Parses an Accept header into media ranges, best first (stable for equal q). */
export function parseAccept(header: string | undefined): MediaRange[] {
  if (!header) return [];
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [mediaType, ...rawParams] = part.split(';').map((piece) => piece.trim());
    if (!mediaType) continue;
    const [type = '', subtype = ''] = mediaType.toLowerCase().split('/');
    const params: Record<string, string> = {};
    let q = 1;
    for (const raw of rawParams) {
      const eq = raw.indexOf('=');
      if (eq < 0) continue;
      const key = raw.slice(0, eq).trim().toLowerCase();
      const value = raw.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
      if (key === 'q') q = Number(value);
      else params[key] = value;
    }
    ranges.push({ type, subtype, params, q: Number.isFinite(q) ? q : 0 });
  }
  return ranges.filter((range) => range.q > 0).sort((a, b) => b.q - a.q);
}

// Clients send the same few Accept headers over and over: each is parsed once. The header is the
// client's to choose, so only short ones are kept, and at most MAX_PARSED_ACCEPTS of them.
const parsedAccepts = new Map<string, readonly MediaRange[]>();
const MAX_PARSED_ACCEPTS = 256;
const MAX_CACHED_ACCEPT_LENGTH = 256;

function parsedAccept(header: string | undefined): readonly MediaRange[] {
  if (!header) return [];
  let ranges = parsedAccepts.get(header);
  if (ranges === undefined) {
    ranges = parseAccept(header);
    if (header.length <= MAX_CACHED_ACCEPT_LENGTH) {
      if (parsedAccepts.size >= MAX_PARSED_ACCEPTS) parsedAccepts.clear();
      parsedAccepts.set(header, ranges);
    }
  }
  return ranges;
}

/** How a response body is written. */
export type Representation =
  | { format: 'json' }
  | { format: 'yaml' }
  | { format: 'table'; version: 'v1' | 'v1beta1' }
  | { format: 'partial'; version: 'v1' | 'v1beta1' }
  | { format: 'event-stream' }
  | { format: 'protobuf' };

export interface NegotiationOptions {
  /** Table and PartialObjectMetadata: offered on get, list and watch. */
  transforms?: boolean;
  /** text/event-stream: offered on watch. */
  eventStream?: boolean;
  /** application/yaml: not a streaming format, so not offered on watch. */
  yaml?: boolean;
  /** application/vnd.kubernetes.protobuf: offered for single objects, lists and errors, not on watch. */
  protobuf?: boolean;
}

const ACCEPTED_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

const isProtobufRange = (range: MediaRange) => range.type === 'application' && range.subtype === 'vnd.kubernetes.protobuf';

function isJsonRange(range: MediaRange): boolean {
  return (
    (range.type === 'application' && range.subtype === 'json') ||
    (range.type === 'application' && range.subtype === '*') ||
    (range.type === '*' && range.subtype === '*')
  );
}

function transformOf(range: MediaRange, options: NegotiationOptions): Representation | undefined | null {
  const as = range.params['as'];
  if (!as) return undefined;
  const version = range.params['v'];
  if (!options.transforms || range.params['g'] !== 'meta.k8s.io' || (version !== 'v1' && version !== 'v1beta1')) return null;
  if (as === 'Table') return { format: 'table', version };
  if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return { format: 'partial', version };
  return null;
}

/**
 * Picks the response representation from Accept (API Concepts: alternate representations).
 * A range the server cannot produce is skipped, so a protobuf-first header falls back to JSON;
 * nothing producible is 406.
 */
export function negotiate(accept: string | undefined, options: NegotiationOptions = {}): Representation {
  const ranges = parsedAccept(accept);
  if (ranges.length === 0) return { format: 'json' };
  // Protobuf only for a client that takes nothing else: typed clients that list JSON after it
  // read JSON as well, and JSON is what every other layer here speaks.
  const protobufOnly = options.protobuf !== false && ranges.every(isProtobufRange);
  if (protobufOnly) return { format: 'protobuf' };
  for (const range of ranges) {
    if (isJsonRange(range)) {
      const transform = transformOf(range, options);
      if (transform === null) continue;
      return transform ?? { format: 'json' };
    }
    if (range.type === 'application' && range.subtype === 'yaml' && options.yaml !== false) return { format: 'yaml' };
    if (range.type === 'text' && range.subtype === 'event-stream' && options.eventStream) return { format: 'event-stream' };
  }
  throw newNotAcceptable(ACCEPTED_TYPES);
}

/** The body formats a create or update accepts. */
export const BODY_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

/** The body's format from Content-Type; none means JSON (kubectl's PUT /scale sends none). */
export function bodyFormat(contentType: string | undefined, accepted: readonly string[] = BODY_TYPES): string {
  const mediaType = (contentType ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  if (!accepted.includes(mediaType)) {
    throw newUnsupportedMediaType(accepted);
  }
  return mediaType;
}
