import { type JsonObject, type JsonValue, isObject, jsonEqual } from '../json.js';
import type { ApplyType } from './apply-type.js';
import { indexItems } from './list-items.js';
import { type PathElement, comparePathElements, fieldElement } from './path-element.js';
import { memberType, memberValue, resolve } from './walk.js';
import { MEMBER, wholeFields } from './whole-fields.js';

/** The fields no entry owns (stripMetaManager), by where they sit. */
const STRIPPED_ROOT = new Set(['apiVersion', 'kind']);
const STRIPPED_METADATA = new Set(['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion']);

/**
 * The changes below a value whose old side is Go's zero value (`{}` for a struct, `null` for a
 * list or map): members a create adds or sets, without the node's own path.
 */
function fromZero(path: PathElement[], zero: JsonValue, value: JsonValue, type: ApplyType, skip?: ReadonlySet<string>): JsonObject | undefined {
  const resolved = resolve(type, zero, value);
  if (resolved.kind === 'leaf') return jsonEqual(zero, value) ? undefined : MEMBER;
  if (value === null) return undefined;
  const entries: [PathElement, JsonObject][] = [];
  if (resolved.kind === 'list') {
    const { elements, byElement } = indexItems(resolved, value as JsonValue[], path, false);
    for (const element of elements) {
      path.push(element);
      entries.push([element, wholeFields(path, byElement.get(element)!, resolved.items)]);
      path.pop();
    }
  } else {
    const object = value as Record<string, JsonValue>;
    for (const key of Object.keys(object)) {
      if (skip?.has(key)) continue;
      const element = fieldElement(key);
      const childType = memberType(resolved, key);
      const childZero = memberValue(resolved, zero, key);
      path.push(element);
      const child = childZero === undefined ? wholeFields(path, object[key]!, childType) : fromZero(path, childZero, object[key]!, childType);
      path.pop();
      if (child !== undefined) entries.push([element, child]);
    }
  }
  if (entries.length === 0) return undefined;
  if (entries.length > 1) entries.sort(([a], [b]) => comparePathElements(a, b));
  const node: JsonObject = {};
  for (const [element, child] of entries) node[element] = child;
  return Object.freeze(node);
}

/**
 * The FieldsV1 a create records for its manager when the object had no managers before: what
 * `updateManagedFields({}, object, new Map(), …)` records, in one walk (creates are the most
 * common write). `ignored` names top-level fields the write never owns (`status`). Undefined when
 * the create owns nothing.
 */
export function createdFields(object: JsonObject, type: ApplyType, ignored: ReadonlySet<string> = new Set()): JsonObject | undefined {
  const resolved = resolve(type, {}, object);
  if (resolved.kind === 'leaf') return undefined;
  const path: PathElement[] = [];
  const entries: [PathElement, JsonObject][] = [];
  for (const key of Object.keys(object)) {
    if (STRIPPED_ROOT.has(key) || ignored.has(key)) continue;
    const element = fieldElement(key);
    const childType = memberType(resolved, key);
    const zero = memberValue(resolved, {}, key);
    const value = object[key]!;
    path.push(element);
    let child: JsonObject | undefined;
    if (key === 'metadata') {
      // metadata's own path and its system fields are never owned.
      child = zero === undefined ? withoutMember(wholeFields(path, value, childType, STRIPPED_METADATA)) : fromZero(path, zero, value, childType, STRIPPED_METADATA);
    } else {
      child = zero === undefined ? wholeFields(path, value, childType) : fromZero(path, zero, value, childType);
    }
    path.pop();
    if (child !== undefined) entries.push([element, child]);
  }
  if (entries.length === 0) return undefined;
  entries.sort(([a], [b]) => comparePathElements(a, b));
  const node: JsonObject = {};
  for (const [element, child] of entries) node[element] = child;
  return Object.freeze(node);
}

function withoutMember(node: JsonObject): JsonObject | undefined {
  if (node === MEMBER || !isObject(node)) return undefined;
  const { '.': _member, ...children } = node;
  return Object.keys(children).length > 0 ? Object.freeze(children) : undefined;
}
