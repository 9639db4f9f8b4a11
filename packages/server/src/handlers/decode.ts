import { newBadRequest } from '@kubekit/apimachinery';
import { type DecodedObject, type FieldValidation, type KubeObject, decodeAs } from '@kubekit/registry';
import type { GroupVersionKind } from '@kubekit/types';
import { decodeObject as parseBody, readBody } from '../body.js';
import { duplicateFields } from '../duplicate-fields.js';
import { bodyFormat } from '../negotiation.js';
import type { ResourceContext } from './context.js';

/** The `fieldValidation` query parameter; the server's default is Warn (API Concepts: "Field validation"). */
export function fieldValidationOf(query: URLSearchParams): FieldValidation {
  const value = query.get('fieldValidation');
  if (value === null || value === '') return 'Warn';
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore') return value;
  throw newBadRequest(`fieldValidation must be one of Ignore, Warn, or Strict, got ${value}`);
}

/** Decodes a body as the resource's kind (or `gvk`) under the request's fieldValidation. */
export function decodeBody(
  context: ResourceContext,
  body: Record<string, unknown>,
  gvk: GroupVersionKind = context.store.definition,
  duplicates: readonly string[] = [],
  owned = false,
): DecodedObject {
  return decodeAs(gvk, body, fieldValidationOf(context.query), duplicates, owned);
}

export interface DecodedBody extends DecodedObject {
  /** The body decoded again, as a new object (the decoded one may have been changed by a write). */
  decodeAgain(): KubeObject;
}

/** Reads, parses (JSON or YAML) and decodes the request body of a create or update, as the resource's kind or `gvk`. */
export async function readObjectBody(context: ResourceContext, gvk?: GroupVersionKind): Promise<DecodedBody> {
  const bytes = await readBody(context.request, context.maxBodyBytes);
  const contentType = context.request.header('content-type');
  // A JSON body is read as text once, for the parser and the duplicate-key check (YAML's parser refuses duplicates itself).
  const text = bodyFormat(contentType) === 'application/json' ? bytes.toString('utf8') : undefined;
  const body = parseBody(bytes, contentType, text);
  const duplicates = text === undefined ? [] : duplicateFields(text, body);
  // Just parsed, the body is this request's own: decoding keeps it when it drops nothing.
  const decoded = decodeBody(context, body, gvk, duplicates, true);
  return { ...decoded, decodeAgain: () => decodeBody(context, parseBody(bytes, contentType), gvk, [], true).object };
}
