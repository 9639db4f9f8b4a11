import { type JsonObject, type JsonValue, cloneJson, hasKey, isObject, jsonEqual, put } from './json.js';

/**
 * The JSON merge patch (RFC 7386) that turns `original` into `modified`: removed members become
 * `null`, changed ones their new value, objects are diffed recursively; `{}` when nothing changed.
 * When either side is not an object the patch is `modified` itself. RFC 7386 cannot express a
 * member whose new value is `null` (it reads as a deletion).
 */
export function createMergePatch(original: unknown, modified: unknown): unknown {
  const before = cloneJson(original);
  const after = cloneJson(modified);
  return isObject(before) && isObject(after) ? diff(before, after) : after;
}

function diff(before: JsonObject, after: JsonObject): JsonObject {
  const patch: JsonObject = {};
  for (const key of Object.keys(before)) {
    if (!hasKey(after, key)) put(patch, key, null);
  }
  for (const [key, value] of Object.entries(after)) {
    const old: JsonValue | undefined = hasKey(before, key) ? before[key] : undefined;
    if (isObject(old) && isObject(value)) {
      const nested = diff(old, value);
      if (Object.keys(nested).length > 0) put(patch, key, nested);
    } else if (old === undefined || !jsonEqual(old, value)) {
      put(patch, key, value);
    }
  }
  return patch;
}
