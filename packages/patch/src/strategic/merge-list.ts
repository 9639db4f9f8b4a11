import { goTypeOf, goValue } from '../go-format.js';
import { type JsonObject, type JsonValue, hasKey, isObject } from '../json.js';
import { DIRECTIVE_MARKER } from './directives.js';
import { type ElementKind, findByMergeKey, goEqual, normalizeElementOrder, partitionMaps, partitionPrimitives } from './element-order.js';
import { badPatchType, internal, noListOfLists, noMergeKey } from './errors.js';
import { mergeMap } from './merge-map.js';
import type { StrategicMergeSchema } from './schema.js';

/**
 * What another Go slice of the original list sees once the merge is done. Upstream deletes list
 * elements with `append(s[:i], s[i+1:]...)` and adds them with `append`, both writing into the
 * original's backing array: a deletion shifts the later elements down, and an added element takes
 * a freed place. `$setElementOrder` then orders by that view of the original list, so its view is
 * replayed here (writes past the original length land in a new array: nobody sees them).
 */
export type BackingView = JsonValue[];

/**
 * mergeSliceHandler: a list with strategy `merge` (or a `$deleteFromPrimitiveList` list) merges;
 * any other list is replaced by the patch's, taken as is.
 */
export function mergeListField(
  original: JsonValue[],
  patch: JsonValue[],
  elementSchema: StrategicMergeSchema,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
  view?: BackingView,
): JsonValue[] {
  if (strategy !== 'merge' && !isDeleteList) return patch;
  return mergeList(original, patch, elementSchema, mergeKey, isDeleteList, view);
}

/** sliceElementType: the one kind of every element of the lists (`map` or a scalar's Go type). */
export function elementKindOf(...lists: JsonValue[][]): ElementKind {
  let kind: string | undefined;
  for (const item of lists.flat()) {
    const itemKind = isObject(item) ? 'map' : Array.isArray(item) ? 'slice' : goTypeOf(item);
    if (kind === undefined) {
      if (itemKind === 'slice') throw noListOfLists();
      kind = itemKind;
    } else if (itemKind !== kind) {
      throw internal(`list element types are not identical: ${goValue(lists)}`);
    }
  }
  if (kind === undefined) throw internal('no elements in any of the given slices');
  return kind;
}

/**
 * mergeSlice. Scalars: the union without duplicates (or, for a `$deleteFromPrimitiveList` list, the
 * original without the listed values). Maps: `$patch` elements first (`delete` removes the elements
 * with that merge key value, `replace` makes the patch's other elements the whole list), then each
 * patch element merges into the original element with the same merge key value or is added. The
 * result is put in order by {@link normalizeElementOrder}.
 */
function mergeList(
  original: JsonValue[],
  patch: JsonValue[],
  elementSchema: StrategicMergeSchema,
  mergeKey: string,
  isDeleteList: boolean,
  view: BackingView | undefined,
): JsonValue[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKindOf(original, patch);
  let merged: JsonValue[];
  if (kind !== 'map') {
    if (isDeleteList) return original.filter((item) => !patch.some((value) => goEqual(item, value)));
    merged = deduplicate([...original, ...patch]);
  } else {
    if (mergeKey === '') throw internal(`cannot merge lists without merge key for ${elementSchema.goKind}`);
    [original, patch] = applySpecialElements(original as JsonObject[], patch as JsonObject[], mergeKey, view);
    merged = mergeByKey(original as JsonObject[], patch as JsonObject[], mergeKey, elementSchema, view);
  }
  const [patchItems, serverOnly] = mergeKey === '' ? partitionPrimitives(merged, patch) : partitionMaps(merged, patch, mergeKey);
  return normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, kind);
}

/** deduplicateScalars, with its swap-with-last removal (the order is normalized afterwards). */
function deduplicate(items: JsonValue[]): JsonValue[] {
  const s = [...items];
  let last = s.length - 1;
  for (let i = 0; i < last; i++) {
    for (let j = i + 1; j <= last; j++) {
      if (goEqual(s[i], s[j])) {
        s[j] = s[last]!;
        s.length = last;
        last--;
        j--;
      }
    }
  }
  return s;
}

/**
 * mergeSliceWithSpecialElements: the original and the patch once the `$patch` elements are done
 * (after a `$patch: replace`, the patch's other elements and nothing left to merge).
 */
function applySpecialElements(
  original: JsonObject[],
  patch: JsonObject[],
  mergeKey: string,
  view: BackingView | undefined,
): [JsonObject[], JsonObject[]] {
  original = [...original];
  const plain: JsonObject[] = [];
  let replace = false;
  for (const element of patch) {
    if (!hasKey(element, DIRECTIVE_MARKER)) {
      plain.push(element);
      continue;
    }
    const directive = element[DIRECTIVE_MARKER]!;
    if (directive === 'delete') {
      if (!hasKey(element, mergeKey)) throw noMergeKey(element, mergeKey);
      const value = element[mergeKey]!;
      for (let i = findByMergeKey(original, mergeKey, value); i >= 0; i = findByMergeKey(original, mergeKey, value)) {
        if (view) view.copyWithin(i, i + 1, original.length);
        original.splice(i, 1);
      }
    } else if (directive === 'replace') {
      // The other `$patch` elements are still checked.
      replace = true;
    } else if (directive === 'merge') {
      throw internal('merging lists cannot yet be specified in the patch');
    } else {
      throw badPatchType(directive, element);
    }
  }
  return replace ? [plain, []] : [original, plain];
}

/** mergeSliceWithoutSpecialElements: merge by merge key value, new elements appended as they are. */
function mergeByKey(
  original: JsonObject[],
  patch: JsonObject[],
  mergeKey: string,
  schema: StrategicMergeSchema,
  view: BackingView | undefined,
): JsonValue[] {
  const merged: JsonValue[] = [...original];
  for (const element of patch) {
    if (!hasKey(element, mergeKey)) throw noMergeKey(element, mergeKey);
    const index = findByMergeKey(merged, mergeKey, element[mergeKey]!);
    if (index >= 0) merged[index] = mergeMap(merged[index] as JsonObject, element, schema);
    else {
      if (view && merged.length < view.length) view[merged.length] = element;
      merged.push(element);
    }
  }
  return merged;
}
