import type { JsonObject, JsonValue } from '../json.js';
import type { ApplyType } from './apply-type.js';
import { indexItems } from './list-items.js';
import { type PathElement, comparePathElements, fieldElement } from './path-element.js';
import { memberType, resolve } from './walk.js';

/** A member with nothing below it, in FieldsV1. Shared: frozen. */
export const MEMBER: JsonObject = Object.freeze({});

/**
 * Every path of a value whose counterpart is absent, as compare records them: leaves and
 * containers are members (a container as the item hook records it), list items with their own
 * paths. Built bottom up as FieldsV1 in upstream's key order, and frozen (nothing changes it, and
 * serializing keeps frozen nodes as they are).
 */
export function wholeFields(path: PathElement[], value: JsonValue, type: ApplyType): JsonObject {
  const resolved = resolve(type, value);
  if (resolved.kind === 'leaf' || value === null) return MEMBER;
  const node: JsonObject = { '.': MEMBER };
  let children = 0;
  if (resolved.kind === 'list') {
    const { elements, byElement } = indexItems(resolved, value as JsonValue[], path, false);
    if (elements.length > 1) elements.sort(comparePathElements);
    for (const element of elements) {
      path.push(element);
      node[element] = wholeFields(path, byElement.get(element)!, resolved.items);
      path.pop();
      children++;
    }
  } else {
    const object = value as Record<string, JsonValue>;
    const keys = Object.keys(object);
    if (keys.length > 1) keys.sort();
    for (const key of keys) {
      const element = fieldElement(key);
      path.push(element);
      node[element] = wholeFields(path, object[key]!, memberType(resolved, key));
      path.pop();
      children++;
    }
  }
  return children === 0 ? MEMBER : Object.freeze(node);
}
