import { newBadRequest } from '@kubekit/apimachinery';
import { type GroupVersionKind, decodeObject, findKind } from '@kubekit/types';
import { type KubeObject, handOver } from './kube-object.js';
import type { ObjectDecoder } from './resource-definition.js';

/** The `fieldValidation` of a write (API Concepts: "Field validation"). */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface DecodedObject {
  object: KubeObject;
  /** `Warning` header values (299 warnings) for the client. */
  warnings: string[];
}

/**
 * Reads a body as the real server's JSON decoder does for a built-in kind: unknown fields are
 * dropped and, with the duplicate keys found in the text, reported as `validation` asks
 * (Strict: 400 `strict decoding error`; Warn: warnings); a value of the wrong type is 400 with
 * Go's wording. Kinds without facts use their definition's decoder (a CRD's schema) or pass through.
 * A built-in's object is handed over (`handOver`) to the one write that takes it. `owned`: the
 * body is the caller's own (just parsed), so it is kept as it is when nothing in it is dropped.
 */
export function decodeAs(
  gvk: GroupVersionKind & { decoder?: ObjectDecoder },
  body: Record<string, unknown>,
  validation: FieldValidation,
  duplicates: readonly string[] = [],
  owned = false,
): DecodedObject {
  const { group, version, kind } = gvk;
  // handlers.transformDecodeError: decoding errors name the kind the body could not become.
  const cannotHandle = (reason: string) => newBadRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${reason}`);
  let result: { object: KubeObject; unknownFields: string[] };
  if (findKind({ group, version, kind })) {
    const decoded = decodeObject<KubeObject>({ group, version, kind }, body, { inPlace: owned });
    const [firstError] = decoded.errors;
    if (firstError) throw cannotHandle(firstError.message);
    // The decoder built every object and array anew, or kept the caller's own: the write may take it without a copy.
    result = { object: handOver(decoded.object), unknownFields: decoded.unknownFields };
  } else if (gvk.decoder) {
    result = gvk.decoder.decode(body);
  } else {
    return { object: body as KubeObject, warnings: [] };
  }
  const problems = [
    ...result.unknownFields.map((path) => `unknown field "${path}"`),
    ...duplicates.map((path) => `duplicate field "${path}"`),
  ];
  if (problems.length > 0 && validation === 'Strict') throw cannotHandle(`strict decoding error: ${problems.join(', ')}`);
  return { object: result.object, warnings: validation === 'Warn' ? problems : [] };
}
