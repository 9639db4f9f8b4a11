import { type JsonObject, type JsonValue, jsonEqual } from '../json.js';
import type { ApplyType } from './apply-type.js';
import { indexItems } from './list-items.js';
import { type PathElement, comparePathElements, fieldElement } from './path-element.js';
import { memberType, memberValue, resolve } from './walk.js';
import { UNOWNED_METADATA_FIELDS, UNOWNED_TOP_FIELDS } from './unowned-fields.js';
import { MEMBER, wholeFields } from './whole-fields.js';

/**
 * The changes below a value whose old side is Go's zero value (`{}` for a struct, `null` for a
 * list or map): members a create adds or sets, without the node's own path.
 */
function fromZero(path: PathElement[], zero: JsonValue, value: JsonValue, type: ApplyType): JsonObject | undefined {
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
 * A create's fields below one top-level member, by the member's JSON: objects made from one
 * template (a Deployment's pods, a test's fixtures) share their spec, so its fields are found
 * once and the frozen node is shared by every entry that records it. The fields depend only on
 * the member's type and value; a small cache per kind's type, emptied when full.
 */
const membersByType = new WeakMap<object, Map<string, JsonObject | undefined>>();
const MAX_CACHED_MEMBERS = 256;
const MAX_CACHED_JSON = 16 * 1024;

function memberFields(
  container: object,
  key: string,
  type: ApplyType,
  zero: JsonValue | undefined,
  value: JsonValue,
  path: PathElement[],
  element: PathElement,
): JsonObject | undefined {
  const json = key !== 'metadata' && typeof value === 'object' && value !== null ? JSON.stringify(value) : undefined;
  let cache: Map<string, JsonObject | undefined> | undefined;
  let cacheKey = '';
  if (json !== undefined && json.length <= MAX_CACHED_JSON) {
    cache = membersByType.get(container);
    if (!cache) membersByType.set(container, (cache = new Map()));
    cacheKey = `${key}\u0000${json}`;
    if (cache.has(cacheKey)) return cache.get(cacheKey);
  }
  path.push(element);
  const fields = zero === undefined ? wholeFields(path, value, type) : fromZero(path, zero, value, type);
  path.pop();
  if (cache) {
    if (cache.size >= MAX_CACHED_MEMBERS) cache.clear();
    cache.set(cacheKey, fields);
  }
  return fields;
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
    if (ignored.has(key)) continue;
    const element = fieldElement(key);
    const childType = memberType(resolved, key);
    const zero = memberValue(resolved, {}, key);
    const value = object[key]!;
    let child = memberFields(resolved, key, childType, zero, value, path, element);
    // Nobody owns these paths themselves (only what may sit below them): stripMetaManager.
    if (UNOWNED_TOP_FIELDS.has(key)) child = withoutMember(child);
    else if (key === 'metadata') child = withoutUnownedMetadata(child);
    if (child !== undefined) entries.push([element, child]);
  }
  if (entries.length === 0) return undefined;
  entries.sort(([a], [b]) => comparePathElements(a, b));
  const node: JsonObject = {};
  for (const [element, child] of entries) node[element] = child;
  return Object.freeze(node);
}

/** A node without its own membership; undefined when nothing is left. */
function withoutMember(node: JsonObject | undefined): JsonObject | undefined {
  if (node === undefined || node === MEMBER) return undefined;
  if (!Object.hasOwn(node, '.')) return node;
  const { '.': _member, ...children } = node;
  return Object.keys(children).length > 0 ? Object.freeze(children) : undefined;
}

/** metadata without its own membership and the system fields' (what sits below them stays). */
function withoutUnownedMetadata(node: JsonObject | undefined): JsonObject | undefined {
  const rest = withoutMember(node);
  if (rest === undefined) return undefined;
  const out: JsonObject = {};
  for (const [element, child] of Object.entries(rest)) {
    const kept = UNOWNED_METADATA_FIELDS.has(element.slice(2)) ? withoutMember(child as JsonObject) : (child as JsonObject);
    if (kept !== undefined) out[element] = kept;
  }
  return Object.keys(out).length > 0 ? Object.freeze(out) : undefined;
}
