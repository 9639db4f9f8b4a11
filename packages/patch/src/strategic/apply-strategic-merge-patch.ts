import { jsonKindOf } from '../go-format.js';
import { type JsonValue, cloneJson, isObject } from '../json.js';
import { PatchError } from '../patch-error.js';
import { mergeMap } from './merge-map.js';
import type { StrategicMergeSchema } from './schema.js';

/**
 * Applies a strategic merge patch (`application/strategic-merge-patch+json`) as the apiserver
 * does (strategicpatch.StrategicMergeMapPatch with the kind's Go struct tags, here the facts
 * table's). `patch` is the parsed body: `null` changes nothing, anything but an object is 400 as
 * the apiserver's decoding words it. The inputs are not modified. Throws PatchError.
 */
export function applyStrategicMergePatch<T>(document: T, patch: unknown, schema: StrategicMergeSchema): T {
  const original = cloneJson(document);
  if (!isObject(original)) throw new TypeError('applyStrategicMergePatch: the document must be a JSON object');
  if (patch === null) return original as T;
  if (!isObject(patch)) {
    const kind = jsonKindOf(patch as JsonValue);
    throw new PatchError('BadRequest', `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`);
  }
  return mergeMap(original, cloneJson(patch) as typeof original, schema) as T;
}
