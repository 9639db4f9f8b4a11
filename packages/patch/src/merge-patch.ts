import { jsonKindOf } from './go-format.js';
import { type JsonObject, type JsonValue, cloneJson, hasKey, isObject, put } from './json.js';
import { PatchError } from './patch-error.js';

/**
 * Applies a JSON merge patch (RFC 7386, `application/merge-patch+json`) as the apiserver does:
 * its jsonPatcher decodes the body into a map first (so anything but an object or null is 400
 * `error decoding patch: json: cannot unmarshal …`), then evanphx/json-patch v4's MergePatch
 * refuses `null` (400 `Invalid JSON Patch`) and merges:
 * - `null` deletes a member; an object merges into an object member, recursively;
 * - any other value replaces the member. A value that lands where there was nothing (or no object)
 *   loses its null members, also inside arrays' objects, while null array elements stay; an array
 *   replacing an object member is taken verbatim. (RFC 7386 keeps nulls inside arrays' objects;
 *   the difference disappears when the result is decoded into a typed object.)
 */
export function applyMergePatch<T>(document: T, patch: unknown): T {
  if (patch === null) throw new PatchError('BadRequest', 'Invalid JSON Patch');
  if (!isObject(patch)) {
    const kind = jsonKindOf(patch as JsonValue);
    throw new PatchError('BadRequest', `error decoding patch: json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`);
  }
  const result = cloneJson(document);
  if (!isObject(result)) throw new TypeError('applyMergePatch: the document must be a JSON object');
  mergeInto(result, patch);
  return result as T;
}

function mergeInto(target: JsonObject, patch: JsonObject): void {
  for (const [key, value] of Object.entries(patch)) {
    const current = hasKey(target, key) ? target[key] : null;
    if (value === null) delete target[key];
    else if (isObject(current) && isObject(value)) mergeInto(current, value);
    else put(target, key, isObject(current) ? cloneJson(value) : withoutNullMembers(value));
  }
}

/** evanphx's pruneNulls: drops null members of objects, at any depth; keeps null array elements. */
function withoutNullMembers(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map((item) => (item === null ? null : withoutNullMembers(item)));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== null) put(out, key, withoutNullMembers(item));
  }
  return out;
}
