import { type StatusError, toStatusError } from '@kubekit/apimachinery';
import { type KubernetesObject, PROTOBUF_CONTENT_TYPE, encodeKubernetesProtobuf } from '@kubekit/types/protobuf';
import { stringify as stringifyYaml } from 'yaml';
import type { ApiResponse } from './api-request.js';
import { jsonListBody } from './list-body.js';
import type { Representation } from './negotiation.js';

/** Every API answer's headers, built as a literal (a spread of shared defaults costs more, per response). */
const headersOf = (contentType: string): Record<string, string> => ({ 'cache-control': 'no-cache, private', 'content-type': contentType });

export const JSON_TYPE = 'application/json';
export const YAML_TYPE = 'application/yaml';

/** The Content-Type of a Table or PartialObjectMetadata answer names what it is. */
export function contentTypeOf(representation: Representation, as?: string): string {
  switch (representation.format) {
    case 'yaml':
      return YAML_TYPE;
    case 'table':
      return `application/json;as=Table;v=${representation.version};g=meta.k8s.io`;
    case 'partial':
      return `application/json;as=${as ?? 'PartialObjectMetadata'};v=${representation.version};g=meta.k8s.io`;
    case 'event-stream':
      return 'text/event-stream';
    case 'protobuf':
      return PROTOBUF_CONTENT_TYPE;
    case 'json':
      return JSON_TYPE;
  }
}

/**
 * JSON bodies end with a newline, as the apiserver's JSON encoder (encoding/json's Encoder) writes
 * them; clients that show or compare the raw body (the Python client's exception text) see it.
 * Stored bytes have none: watch frames embed them.
 */
const NEWLINE = 0x0a;

function withNewline(bytes: Uint8Array): Uint8Array {
  // From Node's buffer pool: a GET answer is small, and a fresh ArrayBuffer per request costs more than the copy.
  const body = Buffer.allocUnsafe(bytes.byteLength + 1);
  body.set(bytes);
  body[bytes.byteLength] = NEWLINE;
  return body;
}

/** A stored object: its cached bytes and a newline for JSON, its object for YAML and protobuf. */
export function storedObject(status: number, item: { object: object; bytes: Uint8Array }, representation: Representation): ApiResponse {
  if (representation.format === 'json') {
    const body = withNewline(item.bytes);
    // The hot path (every GET): the length goes in the literal, so no adapter has to add it.
    return { status, headers: { 'cache-control': 'no-cache, private', 'content-type': JSON_TYPE, 'content-length': String(body.byteLength) }, body };
  }
  return encodedValue(status, item.object, representation);
}

/**
 * A list of stored objects. JSON is written from the items' cached bytes (a long list streamed
 * in chunks); YAML and protobuf encode the objects.
 */
export function storedList(
  list: { kind: string; apiVersion: string; metadata: Record<string, unknown> },
  items: ReadonlyArray<{ object: object; bytes: Uint8Array }>,
  representation: Representation,
): ApiResponse {
  const { kind, apiVersion, metadata } = list;
  if (representation.format === 'json') {
    const head = `{"kind":${JSON.stringify(kind)},"apiVersion":${JSON.stringify(apiVersion)},"metadata":${JSON.stringify(metadata)},"items":[`;
    const { body, length } = jsonListBody(head, items.map((item) => item.bytes), ']}\n');
    // The length is known even for a streamed list: the client reads it without chunk framing.
    return { status: 200, headers: { ...headersOf(JSON_TYPE), 'content-length': String(length) }, body };
  }
  return encodedValue(200, { kind, apiVersion, metadata, items: items.map((item) => item.object) }, representation);
}

function encodedValue(status: number, value: object, representation: Representation): ApiResponse {
  if (representation.format === 'protobuf') {
    return { status, headers: headersOf(PROTOBUF_CONTENT_TYPE), body: encodeKubernetesProtobuf(value as KubernetesObject) };
  }
  return jsonValue(status, value, representation);
}

/** A response whose body is already JSON text (a document). */
export function jsonText(status: number, json: string, representation: Representation = { format: 'json' }, as?: string): ApiResponse {
  if (representation.format === 'protobuf') {
    const body = encodeKubernetesProtobuf(JSON.parse(json) as KubernetesObject);
    return { status, headers: headersOf(PROTOBUF_CONTENT_TYPE), body };
  }
  if (representation.format === 'yaml') {
    return { status, headers: headersOf(YAML_TYPE), body: stringifyYaml(JSON.parse(json)) };
  }
  return { status, headers: headersOf(contentTypeOf(representation, as)), body: json };
}

export function jsonValue(status: number, value: unknown, representation: Representation = { format: 'json' }, as?: string): ApiResponse {
  if (representation.format === 'yaml') {
    return { status, headers: headersOf(YAML_TYPE), body: stringifyYaml(value) };
  }
  return jsonText(status, `${JSON.stringify(value)}\n`, representation, as);
}

export function plainText(status: number, text: string): ApiResponse {
  return { status, headers: { ...headersOf('text/plain; charset=utf-8'), 'x-content-type-options': 'nosniff' }, body: text };
}

/** Every error is a metav1.Status with its own HTTP code (API Conventions: "Response Status Kind"). */
export function errorResponse(error: unknown, representation?: Representation): ApiResponse {
  const status: StatusError = toStatusError(error);
  const same = representation?.format === 'yaml' || representation?.format === 'protobuf';
  const response = jsonValue(status.status.code ?? 500, status.status, same ? representation : { format: 'json' });
  // responsewriters.ErrorNegotiated: a Status with details.retryAfterSeconds is sent with Retry-After.
  const retryAfter = status.status.details?.retryAfterSeconds;
  if (retryAfter) response.headers['retry-after'] = String(retryAfter);
  return response;
}

/**
 * Adds warnings as RFC 7234 warn-code 299 with an unknown agent, as the apiserver sends them
 * (kubectl prints each as `Warning: …`).
 */
export function withWarnings(response: ApiResponse, warnings: readonly string[]): ApiResponse {
  if (warnings.length === 0) return response;
  const values = warnings.map((text) => `299 - ${JSON.stringify(text)}`);
  const existing = response.headers['warning'];
  response.headers['warning'] = existing ? [existing, ...values].join(', ') : values.join(', ');
  return response;
}
