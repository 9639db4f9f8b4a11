import { newBadRequest } from '@kubekit/apimachinery';
import type { KubeObject } from '@kubekit/registry';
import { type GroupVersionKind, decodeObject, findKind } from '@kubekit/types';
import { decodeObject as parseBody, readBody } from '../body.js';
import { duplicateFields } from '../duplicate-fields.js';
import { bodyFormat } from '../negotiation.js';
import type { ResourceContext } from './context.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** The `fieldValidation` query parameter; the server's default is Warn (API Concepts: "Field validation"). */
export function fieldValidationOf(query: URLSearchParams): FieldValidation {
  const value = query.get('fieldValidation');
  if (value === null || value === '') return 'Warn';
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore') return value;
  throw newBadRequest(`fieldValidation must be one of Ignore, Warn, or Strict, got ${value}`);
}

export interface DecodedBody {
  object: KubeObject;
  /** `Warning` header values (299 warnings) for the client. */
  warnings: string[];
}

/**
 * Reads a body as the real server's JSON decoder does for a built-in kind: unknown fields are
 * dropped and, with the duplicate keys found in the text, reported as the request's
 * fieldValidation asks (Strict: 400 `strict decoding error`; Warn: warnings); a value of the wrong
 * type is 400 with Go's wording. Kinds without facts
 * (custom resources) pass through.
 */
export function decodeBody(
  context: ResourceContext,
  body: Record<string, unknown>,
  gvk: GroupVersionKind = context.store.definition,
  duplicates: readonly string[] = [],
): DecodedBody {
  const { version, kind } = gvk;
  if (!findKind({ group: gvk.group, version, kind })) return { object: body as KubeObject, warnings: [] };
  const validation = fieldValidationOf(context.query);
  const result = decodeObject<KubeObject>({ group: gvk.group, version, kind }, body);
  // handlers.transformDecodeError: decoding errors name the kind the body could not become.
  const cannotHandle = (reason: string) => newBadRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${reason}`);
  const [firstError] = result.errors;
  if (firstError) throw cannotHandle(firstError.message);
  const problems = [
    ...result.unknownFields.map((path) => `unknown field "${path}"`),
    ...duplicates.map((path) => `duplicate field "${path}"`),
  ];
  if (problems.length > 0 && validation === 'Strict') throw cannotHandle(`strict decoding error: ${problems.join(', ')}`);
  return { object: result.object, warnings: validation === 'Warn' ? problems : [] };
}

/** Duplicate keys of a JSON body (YAML's parser refuses them itself). */
export function jsonDuplicates(bytes: Buffer, contentType: string | undefined): string[] {
  return bodyFormat(contentType) === 'application/json' ? duplicateFields(bytes.toString('utf8')) : [];
}

/** Reads, parses (JSON or YAML) and decodes the request body of a create or update, as the resource's kind or `gvk`. */
export async function readObjectBody(context: ResourceContext, gvk?: GroupVersionKind): Promise<DecodedBody> {
  const bytes = await readBody(context.request, context.maxBodyBytes);
  const contentType = context.request.header('content-type');
  const body = parseBody(bytes, contentType);
  return decodeBody(context, body, gvk, jsonDuplicates(bytes, contentType));
}
