import { newBadRequest, newRequestEntityTooLarge } from '@kubekit/apimachinery';
import { PROTOBUF_CONTENT_TYPE, ProtobufDecodeError, decodeKubernetesProtobuf } from '@kubekit/types/protobuf';
import { parse as parseYaml } from 'yaml';
import type { ApiRequest } from './api-request.js';
import { bodyFormat } from './negotiation.js';

/** The real server's limit on a request body (apiserver MaxRequestBodyBytes). */
export const DEFAULT_MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Reads the whole body, refusing (413) as soon as it passes the limit rather than after. */
export async function readBody(request: ApiRequest, limit: number): Promise<Buffer> {
  if (!request.body) return Buffer.alloc(0);
  const declared = Number(request.header('content-length'));
  if (declared > limit) throw newRequestEntityTooLarge(`limit is ${limit}`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.byteLength;
    if (size > limit) throw newRequestEntityTooLarge(`limit is ${limit}`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Decodes a JSON, YAML or Kubernetes protobuf body into an object (kubectl's typed commands and
 * every helm write send protobuf); anything else is 415, garbage is 400. `text`: the bytes already
 * read as UTF-8 by a caller that needs them too.
 */
export function decodeObject(bytes: Buffer, contentType: string | undefined, text?: string): Record<string, unknown> {
  const format = bodyFormat(contentType);
  if (format === PROTOBUF_CONTENT_TYPE) {
    try {
      return decodeKubernetesProtobuf(bytes).object;
    } catch (error) {
      if (error instanceof ProtobufDecodeError) throw newBadRequest(error.message);
      throw error;
    }
  }
  text ??= bytes.toString('utf8');
  let value: unknown;
  try {
    value = format === 'application/yaml' ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw newBadRequest(`the object provided is unrecognized: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw newBadRequest('the object provided is unrecognized: expected a JSON object');
  }
  return value as Record<string, unknown>;
}

/** Reads and decodes a required body in the format its Content-Type names. */
export async function readObject(request: ApiRequest, limit: number): Promise<Record<string, unknown>> {
  return decodeObject(await readBody(request, limit), request.header('content-type'));
}

/** Reads and decodes an optional body (DELETE options): an empty body is `undefined`. */
export async function readOptionalObject(request: ApiRequest, limit: number): Promise<Record<string, unknown> | undefined> {
  const bytes = await readBody(request, limit);
  if (bytes.length === 0) return undefined;
  return decodeObject(bytes, request.header('content-type'));
}
