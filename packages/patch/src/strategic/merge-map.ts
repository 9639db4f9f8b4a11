import { goTypeOf } from '../go-format.js';
import { type JsonObject, type JsonValue, hasKey, isObject, put } from '../json.js';
import {
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  DIRECTIVE_MARKER,
  applyRetainKeys,
  discardNullValues,
  extractKey,
  patchStrategyOf,
  removeDirectives,
} from './directives.js';
import { badPatchType } from './errors.js';
import { mergeListField } from './merge-list.js';
import type { StrategicMergeSchema } from './schema.js';
import { mergeSetElementOrder } from './set-element-order.js';

/** Go's reflect type of a decoded value, as mergeMap compares them. */
function goType(value: JsonValue): string {
  return isObject(value) ? 'map' : Array.isArray(value) ? 'slice' : goTypeOf(value);
}

/**
 * handleDirectiveInMergeMap: `$patch: replace` makes the patch map (without the marker, otherwise
 * as it is) the result; `$patch: delete` makes it an empty map; any other value is an error
 * (`merge` too: upstream accepts no `$patch: merge` when applying).
 */
function mapDirective(directive: JsonValue, patch: JsonObject): JsonObject {
  if (directive === 'replace') {
    delete patch[DIRECTIVE_MARKER];
    return patch;
  }
  if (directive === 'delete') return {};
  throw badPatchType(directive, patch);
}

/** Sets `original[key]` to a patch value taken as it is, minus its nulls and `$patch` maps. */
function takePatchValue(original: JsonObject, key: string, value: JsonValue): void {
  discardNullValues(value);
  const kept = removeDirectives(value);
  if (kept === undefined) delete original[key];
  else put(original, key, kept);
}

/**
 * mergeMap, as the apiserver runs it (MergeParallelList and IgnoreUnmatchedNulls on). Both maps
 * are the caller's own copies: `original` is changed in place and returned, `patch` is consumed.
 * - `$patch` directives, then `$retainKeys`, then each `$setElementOrder/<list>` with its list;
 * - a null member deletes; a member the original lacks, or of another type, is taken from the
 *   patch; maps merge (unless their strategy is `replace`); lists go to {@link mergeListField};
 * - `$deleteFromPrimitiveList/<list>` removes values from that list of the original.
 */
export function mergeMap(original: JsonObject, patch: JsonObject, schema: StrategicMergeSchema): JsonObject {
  if (hasKey(patch, DIRECTIVE_MARKER)) return mapDirective(patch[DIRECTIVE_MARKER]!, patch);
  applyRetainKeys(original, patch);
  mergeSetElementOrder(original, patch, schema);
  for (const [patchKey, patchValue] of Object.entries(patch)) {
    const isDeleteList = patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX);
    const key = isDeleteList ? extractKey(patchKey, DELETE_FROM_PRIMITIVE_LIST_PREFIX) : patchKey;
    if (patchValue === null) {
      delete original[key];
      continue;
    }
    if (!hasKey(original, key) || goType(original[key]!) !== goType(patchValue)) {
      if (!isDeleteList) takePatchValue(original, key, patchValue);
      continue;
    }
    const current = original[key]!;
    if (isObject(current)) {
      const meta = schema.lookupField(key);
      const strategy = patchStrategyOf(meta.strategies);
      put(original, key, strategy === 'replace' ? patchValue : mergeMap(current, patchValue as JsonObject, meta.schema));
    } else if (Array.isArray(current)) {
      const meta = schema.lookupList(key);
      const strategy = patchStrategyOf(meta.strategies);
      put(original, key, mergeListField(current, patchValue as JsonValue[], meta.schema, strategy, meta.mergeKey, isDeleteList));
    } else {
      put(original, key, patchValue);
    }
  }
  return original;
}
