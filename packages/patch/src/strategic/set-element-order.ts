import { goValue } from '../go-format.js';
import { type JsonObject, type JsonValue, hasKey, isObject, put } from '../json.js';
import { SET_ELEMENT_ORDER_PREFIX, extractKey, hasDirectiveMarker, patchStrategyOf, removeDirectives } from './directives.js';
import { goEqual, normalizeElementOrder, partitionMaps, partitionPrimitives, splitDeletions } from './element-order.js';
import { badArgType, internal, noMergeKey } from './errors.js';
import { elementKindOf, mergeListField } from './merge-list.js';
import type { StrategicMergeSchema } from './schema.js';

/** mergeKeyValueEqual: two items (maps with the merge key, or scalars) name the same element. */
function sameElement(left: JsonValue, right: JsonValue, mergeKey: string): boolean {
  if (mergeKey === '') return goEqual(left, right);
  if (!isObject(left)) throw badArgType('map', left);
  if (!isObject(right)) throw badArgType('map', right);
  if (!hasKey(left, mergeKey)) throw noMergeKey(left, mergeKey);
  if (!hasKey(right, mergeKey)) throw noMergeKey(right, mergeKey);
  return goEqual(left[mergeKey], right[mergeKey]);
}

/**
 * validatePatchWithSetOrderList: the patch list's elements (other than deletions and `$patch`
 * elements) must appear in the `$setElementOrder` list, in the same relative order.
 */
function validateAgainstOrder(patchList: JsonValue[], order: JsonValue[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey === '' ? patchList : splitDeletions(patchList)[0];
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    if (hasDirectiveMarker(items[p])) {
      p++;
      continue;
    }
    if (sameElement(items[p]!, order[o]!, mergeKey)) p++;
    o++;
  }
  if (p < items.length && o >= order.length) {
    throw internal(
      `The order in patch list:\n${goValue(patchList)}\n doesn't match ${SET_ELEMENT_ORDER_PREFIX} list:\n${goValue(order)}\n`,
    );
  }
}

function listMember(map: JsonObject, key: string): JsonValue[] | undefined {
  if (!hasKey(map, key)) return undefined;
  const value = map[key]!;
  if (!Array.isArray(value)) throw badArgType('list', value);
  return value;
}

/**
 * mergePatchIntoOriginal: each `$setElementOrder/<list>` merges `<list>` (if the patch has it)
 * and orders the result: the elements named in the directive in its order, the others (the
 * server's) in their original order, interleaved as {@link normalizeElementOrder} does. Both keys
 * are removed from `patch`.
 * Ref: https://git.k8s.io/design-proposals-archive/cli/preserve-order-in-strategic-merge-patch.md
 */
export function mergeSetElementOrder(original: JsonObject, patch: JsonObject, schema: StrategicMergeSchema): void {
  for (const directiveKey of Object.keys(patch)) {
    if (!directiveKey.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    const order = patch[directiveKey]!;
    delete patch[directiveKey];
    if (!Array.isArray(order)) throw badArgType('list', order);
    const key = extractKey(directiveKey, SET_ELEMENT_ORDER_PREFIX);
    const originalList = listMember(original, key);
    const patchList = listMember(patch, key);
    const meta = schema.lookupList(key);
    const strategy = patchStrategyOf(meta.strategies);
    validateAgainstOrder(patchList ?? [], order, meta.mergeKey);
    // The original list as upstream's own slice of it reads after the merge (see BackingView).
    const serverOrder = [...(originalList ?? [])];
    let merged: JsonValue[];
    if (originalList && patchList) {
      merged = mergeListField(originalList, patchList, meta.schema, strategy, meta.mergeKey, false, serverOrder);
    } else if (patchList) {
      merged = removeDirectives(patchList) as JsonValue[];
    } else if (originalList) {
      merged = originalList;
    } else {
      continue;
    }
    const [named, serverOnly] =
      meta.mergeKey === '' ? partitionPrimitives(merged, order) : partitionMaps(merged, order, meta.mergeKey);
    const kind = elementKindOf(serverOrder, patchList ?? []);
    put(original, key, normalizeElementOrder(named, serverOnly, order, serverOrder, meta.mergeKey, kind));
    delete patch[key];
  }
}
