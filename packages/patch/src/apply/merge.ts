import { type JsonObject, type JsonValue, put } from '../json.js';
import type { ApplyType, ListType } from './apply-type.js';
import { asList, asObject, indexItems } from './list-items.js';
import { type PathElement, fieldElement } from './path-element.js';
import { memberType, resolve } from './walk.js';

/**
 * TypedValue.Merge of an applied configuration into the live object: the configuration's leaves
 * win, granular structs and maps merge member by member, sets and map-lists item by item (the
 * live order kept, the configuration's order for the items it names). A member the
 * configuration sets to null is left out.
 */
export function mergeObjects(live: JsonValue | undefined, config: JsonValue, type: ApplyType): JsonValue {
  return merge([], live, config, type) ?? null;
}

function merge(path: PathElement[], lhs: JsonValue | undefined, rhs: JsonValue | undefined, type: ApplyType): JsonValue | undefined {
  if (rhs === undefined) return lhs;
  // A granular struct, map or list set to null merges as an empty one: the live members stay.
  if (rhs === null) return lhs !== undefined && lhs !== null && resolve(type, lhs).kind !== 'leaf' ? lhs : null;
  if (lhs === undefined || lhs === null) return rhs;
  const resolved = resolve(type, lhs, rhs);
  if (resolved.kind === 'leaf') return rhs;
  if (resolved.kind === 'list') return mergeList(path, asList(lhs), asList(rhs), resolved);
  const left = asObject(lhs);
  const right = asObject(rhs);
  const out: JsonObject = {};
  for (const key of Object.keys(left)) {
    path.push(fieldElement(key));
    const merged = merge(path, left[key], Object.hasOwn(right, key) ? right[key] : undefined, memberType(resolved, key));
    path.pop();
    if (merged !== undefined && !(merged === null && right[key] === null)) put(out, key, merged);
  }
  for (const key of Object.keys(right)) {
    if (Object.hasOwn(left, key) || right[key] === null) continue;
    put(out, key, right[key]!);
  }
  return out;
}

/**
 * The items of both lists: walking them side by side, live items the configuration does not
 * name stay where they are, and items the configuration names come in its order.
 */
function mergeList(path: PathElement[], lhs: readonly JsonValue[], rhs: readonly JsonValue[], list: ListType): JsonValue[] {
  const left = indexItems(list, lhs, path, false);
  const right = indexItems(list, rhs, path, true);
  // Live items by position, duplicates included: those the configuration does not name stay.
  const leftItems = left.positions;
  const shared = right.elements.filter((element) => left.byElement.has(element));
  let nextShared = 0;
  const done = new Set<PathElement>();
  const out: JsonValue[] = [];
  const take = (element: PathElement) => {
    done.add(element);
    path.push(element);
    const merged = merge(path, left.byElement.get(element), right.byElement.get(element), list.items);
    path.pop();
    if (merged !== undefined) out.push(merged);
  };
  let l = 0;
  let r = 0;
  while (l < leftItems.length || r < right.elements.length) {
    const leftElement = leftItems[l]?.element;
    if (leftElement !== undefined && r < right.elements.length) {
      if (leftElement === right.elements[r]) {
        take(leftElement);
        l++;
        r++;
        if (shared[nextShared] === leftElement) nextShared++;
        continue;
      }
      // A shared item that the configuration places later: wait for its turn.
      if (right.byElement.has(leftElement) && shared[nextShared] !== undefined && shared[nextShared] !== leftElement) {
        l++;
        continue;
      }
    }
    if (leftElement !== undefined) {
      if (!right.byElement.has(leftElement)) {
        out.push(leftItems[l]!.item);
        l++;
        continue;
      }
      if (done.has(leftElement)) {
        l++;
        continue;
      }
    }
    if (r < right.elements.length) {
      const element = right.elements[r]!;
      take(element);
      r++;
      if (shared[nextShared] === element) nextShared++;
    }
  }
  return out;
}
