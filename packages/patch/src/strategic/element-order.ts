import { type JsonObject, type JsonValue, isObject } from '../json.js';
import { DIRECTIVE_MARKER } from './directives.js';
import { badArgType, internal, noMergeKey, panicked } from './errors.js';

/** A list's element kind: `map`, or the Go type of its scalars (only `map` matters here). */
export type ElementKind = string;

/**
 * The value `index()` compares for one item: the merge key's value for maps (nil when missing or
 * not a map), the item itself for scalars. Go compares them with `==`.
 */
function identity(item: JsonValue | undefined, mergeKey: string, kind: ElementKind): JsonValue | undefined {
  if (kind !== 'map') return item;
  return isObject(item) ? (item[mergeKey] ?? null) : null;
}

/** `index(list, item)` of strategicpatch, as a lookup built once per list. */
function indexIn(list: readonly JsonValue[], mergeKey: string, kind: ElementKind): (item: JsonValue) => number {
  const identities = list.map((item) => identity(item, mergeKey, kind));
  const first = new Map<JsonValue | undefined, number>();
  identities.forEach((key, i) => {
    if (!isComposite(key) && !first.has(key)) first.set(key, i);
  });
  return (item) => {
    const key = identity(item, mergeKey, kind);
    if (!isComposite(key)) return first.get(key) ?? -1;
    // `==` between two maps (or two lists) panics; against anything else it is false.
    if (identities.some((other) => isComposite(other) && Array.isArray(other) === Array.isArray(key))) throw panicked();
    return -1;
  };
}

function isComposite(value: JsonValue | undefined): value is JsonObject | JsonValue[] {
  return typeof value === 'object' && value !== null;
}

/** validateMergeKeyInLists: every item a map that has the merge key. */
function validateMergeKeys(mergeKey: string, ...lists: readonly JsonValue[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isObject(item)) throw badArgType('map', item);
      if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
    }
  }
}

/** extractToDeleteItems: the items to keep, and those marked `$patch: delete`. */
export function splitDeletions(list: readonly JsonValue[]): [JsonObject[], JsonObject[]] {
  const kept: JsonObject[] = [];
  const deleted: JsonObject[] = [];
  for (const item of list) {
    if (!isObject(item)) throw badArgType('map', item);
    (item[DIRECTIVE_MARKER] === 'delete' ? deleted : kept).push(item);
  }
  return [kept, deleted];
}

/**
 * sort.SliceStable with upstream's comparator, which calls an item "less" whenever either item is
 * missing from `order`. When all are present it is a stable sort by position in `order`; otherwise
 * Go's insertion sort (what SliceStable runs on up to 20 items) is replayed.
 */
function sortByOrder(items: JsonValue[], position: (item: JsonValue) => number): JsonValue[] {
  const positions = items.map(position);
  if (positions.every((p) => p >= 0)) {
    return items.map((item, i) => [item, positions[i]!] as const).sort((a, b) => a[1] - b[1]).map(([item]) => item);
  }
  const less = (a: JsonValue, b: JsonValue) => {
    const pa = position(a);
    const pb = position(b);
    return pa >= 0 && pb >= 0 ? pa < pb : true;
  };
  const out = [...items];
  for (let i = 1; i < out.length; i++) {
    for (let j = i; j > 0 && less(out[j]!, out[j - 1]!); j--) [out[j], out[j - 1]] = [out[j - 1]!, out[j]!];
  }
  return out;
}

/** normalizeSliceOrder: `items` sorted by `order`, maps marked `$patch: delete` moved to the end. */
function normalizeSliceOrder(items: JsonValue[], order: JsonValue[], mergeKey: string, kind: ElementKind): JsonValue[] {
  let deleted: JsonObject[] = [];
  if (kind === 'map') {
    validateMergeKeys(mergeKey, items, order);
    [items, deleted] = splitDeletions(items);
  }
  return [...sortByOrder(items, indexIn(order, mergeKey, kind)), ...deleted];
}

/**
 * normalizeElementOrder + mergeSortedSlice: the patch's items in `patchOrder`, the server-only
 * items in `serverOrder`, then interleaved: a server-only item goes first only while both it and
 * the next patch item are in `serverOrder` and it comes earlier there. So a new item lands right
 * after the patch item before it, ahead of the server-only items that followed that one.
 */
export function normalizeElementOrder(
  patchItems: JsonValue[],
  serverOnly: JsonValue[],
  patchOrder: JsonValue[],
  serverOrder: JsonValue[],
  mergeKey: string,
  kind: ElementKind,
): JsonValue[] {
  const right = normalizeSliceOrder(patchItems, patchOrder, mergeKey, kind);
  const left = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  const position = indexIn(serverOrder, mergeKey, kind);
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (j >= right.length) out.push(left[i++]!);
    else if (i >= left.length) out.push(right[j++]!);
    else {
      const l = position(left[i]!);
      const r = position(right[j]!);
      out.push(l >= 0 && r >= 0 && l < r ? left[i++]! : right[j++]!);
    }
  }
  return out;
}

/** partitionPrimitivesByPresentInList: items present in `by`, and the others (Go hashes them). */
export function partitionPrimitives(items: JsonValue[], by: readonly JsonValue[]): [JsonValue[], JsonValue[]] {
  if (by.some(isComposite) || items.some(isComposite)) throw panicked();
  const present = new Set(by);
  return [items.filter((item) => present.has(item)), items.filter((item) => !present.has(item))];
}

/** partitionMapsByPresentInList: maps whose merge key value appears in `by`, and the others. */
export function partitionMaps(items: JsonValue[], by: readonly JsonValue[], mergeKey: string): [JsonValue[], JsonValue[]] {
  const inPatch: JsonValue[] = [];
  const serverOnly: JsonValue[] = [];
  for (const item of items) {
    if (!isObject(item)) throw badArgType('map', item);
    if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
    (findByMergeKey(by, mergeKey, item[mergeKey]!) >= 0 ? inPatch : serverOnly).push(item);
  }
  return [inPatch, serverOnly];
}

/** Go's `==` on decoded JSON values: scalars by value; two maps or two lists make Go panic. */
export function goEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (isComposite(a) && isComposite(b) && Array.isArray(a) === Array.isArray(b)) throw panicked();
  return a === b;
}

/** findMapInSliceBasedOnKeyValue: the index of the first map whose `key` equals `value`, or -1. */
export function findByMergeKey(list: readonly JsonValue[], key: string, value: JsonValue): number {
  for (let i = 0; i < list.length; i++) {
    const item = list[i]!;
    if (!isObject(item)) throw internal(`value for key ${i} is not a map`);
    if (Object.hasOwn(item, key) && goEqual(item[key], value)) return i;
  }
  return -1;
}
