import { type JsonObject, type JsonValue, isObject } from '../json.js';
import type { ListType } from './apply-type.js';
import { type PathElement, indexElement, keyElement, pathString, valueElement } from './path-element.js';

/** A value the apply engine cannot type: reported as upstream's typed-conversion errors are. */
export class ApplyTypeError extends Error {
  override readonly name = 'ApplyTypeError';
}

/**
 * The path element of one item of a set or map-list (listItemToPathElement). A map-list item
 * lacking a key field takes the key's default where the schema has one; otherwise it is an
 * error for an applied configuration and falls back to its index for a stored object.
 */
export function itemElement(
  list: ListType,
  item: JsonValue,
  index: number,
  path: readonly PathElement[],
  strict: boolean,
): PathElement {
  if (list.listType === 'set') return valueElement(item);
  if (!isObject(item)) {
    if (strict) throw new ApplyTypeError(`${pathString(path)}: element ${index}: associative list can only contain maps`);
    return indexElement(index);
  }
  const keys: [string, JsonValue][] = [];
  for (const key of list.keys) {
    const value = Object.hasOwn(item, key) ? item[key] : list.keyDefaults?.[key];
    if (value === undefined || value === null) {
      if (strict) {
        throw new ApplyTypeError(
          `${pathString(path)}: element ${index}: associative list with keys has an element that omits key field ${JSON.stringify(key)} (and doesn't have default value)`,
        );
      }
      return indexElement(index);
    }
    keys.push([key, value]);
  }
  return keyElement(keys);
}

/**
 * The items of a set or map-list by path element; the first of duplicates wins (AllowDuplicates
 * for stored objects), and `positions` keeps every item in order.
 */
export function indexItems(
  list: ListType,
  items: readonly JsonValue[],
  path: readonly PathElement[],
  strict: boolean,
): { elements: PathElement[]; byElement: Map<PathElement, JsonValue>; positions: { element: PathElement; item: JsonValue }[] } {
  const elements: PathElement[] = [];
  const byElement = new Map<PathElement, JsonValue>();
  const positions: { element: PathElement; item: JsonValue }[] = [];
  items.forEach((item, index) => {
    const element = itemElement(list, item, index, path, strict);
    positions.push({ element, item });
    if (byElement.has(element)) {
      if (strict) {
        throw new ApplyTypeError(`${pathString(path)}: duplicate entries for key ${pathString([element])}`);
      }
      return;
    }
    byElement.set(element, item);
    elements.push(element);
  });
  return { elements, byElement, positions };
}

export function asList(value: JsonValue | undefined): readonly JsonValue[] {
  return Array.isArray(value) ? value : [];
}

export function asObject(value: JsonValue | undefined): JsonObject {
  return isObject(value) ? value : {};
}
