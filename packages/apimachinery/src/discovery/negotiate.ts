import { type AcceptClause, parseAccept } from './accept.js';
import type { DiscoveryVersion } from './types.js';

/*
 * Whether `/api` and `/apis` answer with aggregated discovery, as the apiserver's
 * WrappedHandler decides (endpoints/discovery/aggregated/wrapper.go and negotiation.go, with
 * handlers/negotiation/negotiate.go, v0.35).
 */

/** The Content-Type of an aggregated discovery response, as kubectl expects it. */
export const DISCOVERY_V2_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
export const DISCOVERY_V2BETA1_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

/** generateMediaTypeWithGVK: the media type with `;g=…;v=…;as=APIGroupDiscoveryList`. */
export function discoveryContentType(version: DiscoveryVersion, mediaType = 'application/json'): string {
  return `${mediaType};g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}

export interface NegotiateDiscoveryOptions {
  /**
   * Answer `v=v2beta1` requests with v2beta1. kube-apiserver 1.35 no longer does
   * (AggregatedDiscoveryRemoveBetaType is locked on), so such a request gets the unaggregated
   * documents there; the default (true) also serves clients that only know v2beta1.
   */
  serveV2Beta1?: boolean;
  /** The media types the caller can write, in preference order; `application/json` by default. */
  mediaTypes?: readonly string[];
}

export interface DiscoveryMediaType {
  version: DiscoveryVersion;
  /** The matched serializer's media type, e.g. `application/json`. */
  mediaType: string;
  /** The Content-Type to answer with. */
  contentType: string;
}

function matchesType(clause: AcceptClause, mediaType: string): boolean {
  const [type, subType] = mediaType.split('/');
  return (clause.type === type && (clause.subType === subType || clause.subType === '*')) || (clause.type === '*' && clause.subType === '*');
}

/** acceptMediaTypeOptions under DiscoveryEndpointRestrictions: the aggregated version the clause asks for. */
function aggregatedVersion(clause: AcceptClause, mediaType: string, serveV2Beta1: boolean): DiscoveryVersion | undefined {
  const { params } = clause;
  const stream = params.stream ?? '';
  if (stream.length > 0 && (stream !== 'watch' || mediaType === 'application/yaml')) return undefined;
  if ((params.sv ?? '').length > 0) return undefined;
  if (params.g !== 'apidiscovery.k8s.io' || params.as !== 'APIGroupDiscoveryList') return undefined;
  if (params.v === 'v2') return 'v2';
  if (params.v === 'v2beta1' && serveV2Beta1) return 'v2beta1';
  return undefined;
}

/**
 * The first Accept clause (in goautoneg order) that asks for an APIGroupDiscoveryList in a media
 * type the caller writes, or `undefined` when the unaggregated documents are due. Clauses without
 * the discovery parameters are skipped, not taken: `application/json, application/json;g=…;v=v2;…`
 * still gets aggregated discovery, as from the real server.
 */
export function negotiateDiscoveryMediaType(
  accept: string | null | undefined,
  options: NegotiateDiscoveryOptions = {},
): DiscoveryMediaType | undefined {
  if (!accept) return undefined;
  const mediaTypes = options.mediaTypes ?? ['application/json'];
  const serveV2Beta1 = options.serveV2Beta1 ?? true;
  for (const clause of parseAccept(accept)) {
    for (const mediaType of mediaTypes) {
      if (!matchesType(clause, mediaType)) continue;
      const version = aggregatedVersion(clause, mediaType, serveV2Beta1);
      if (version) return { version, mediaType, contentType: discoveryContentType(version, mediaType) };
    }
  }
  return undefined;
}

/** `v2`, `v2beta1` or `legacy` (APIVersions / APIGroupList) for a request's Accept header. */
export function negotiateDiscovery(accept: string | null | undefined, options: NegotiateDiscoveryOptions = {}): DiscoveryVersion | 'legacy' {
  return negotiateDiscoveryMediaType(accept, options)?.version ?? 'legacy';
}

/**
 * The ETag the server sends with aggregated discovery (aggregated/etag.go): the upper-case hex
 * SHA-512 of the document's JSON, quoted. A request whose If-None-Match equals it gets 304.
 */
export async function discoveryETag(document: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(document));
  const digest = await globalThis.crypto.subtle.digest('SHA-512', bytes);
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `"${hex.toUpperCase()}"`;
}
