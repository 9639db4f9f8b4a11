import { type JsonObject, type JsonValue, hasKey, isObject, put } from '../json.js';

/**
 * The containers of evanphx/json-patch v4 (the library behind the apiserver's JSON patch):
 * objects and arrays with its get/set/add/remove rules, which differ from RFC 6902 in places
 * kept here on purpose: negative array indices count from the end, `get` of a missing object
 * member is not an error, and array indices are parsed by Go's strconv.Atoi.
 */
export type Container = JsonObject | JsonValue[];

/** A failed operation; the text is evanphx/json-patch's. */
export class OperationFailure extends Error {}

const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';

/** strconv.Atoi's rules: an optional sign and decimal digits, within int64. */
function atoi(key: string): number {
  const n = /^[+-]?\d+$/.test(key) ? Number(key) : Number.NaN;
  if (Number.isNaN(n)) throw new OperationFailure(`strconv.Atoi: parsing "${key}": invalid syntax`);
  if (Math.abs(n) >= 2 ** 63) throw new OperationFailure(`strconv.Atoi: parsing "${key}": value out of range`);
  return n;
}

function invalidIndex(index: number): OperationFailure {
  return new OperationFailure(`Unable to access invalid index: ${index}: ${INVALID_INDEX}`);
}

/** An existing index, negative ones counted from the end. */
function existingIndex(array: JsonValue[], key: string): number {
  const index = atoi(key);
  if (index >= array.length || index < -array.length) throw invalidIndex(index);
  return index < 0 ? index + array.length : index;
}

/** The value at `key`: `undefined` for a missing object member (not an error in v4). */
export function getChild(container: Container, key: string): JsonValue | undefined {
  if (!Array.isArray(container)) return hasKey(container, key) ? container[key] : undefined;
  return container[existingIndex(container, key)];
}

/** `add`: sets an object member; inserts into an array (`-` appends, index ≤ length). */
export function addChild(container: Container, key: string, value: JsonValue): void {
  if (!Array.isArray(container)) return put(container, key, value);
  if (key === '-') {
    container.push(value);
    return;
  }
  let index: number;
  try {
    index = atoi(key);
  } catch (error) {
    throw new OperationFailure(`value was not a proper array index: '${key}': ${(error as Error).message}`);
  }
  const size = container.length + 1;
  if (index >= size || index < -size) throw invalidIndex(index);
  container.splice(index < 0 ? index + size : index, 0, value);
}

/** `replace` after `getChild` succeeded: sets an object member (present or not) or an array element. */
export function setChild(container: Container, key: string, value: JsonValue): void {
  if (!Array.isArray(container)) return put(container, key, value);
  container[existingIndex(container, key)] = value;
}

export function removeChild(container: Container, key: string): void {
  if (!Array.isArray(container)) {
    if (!hasKey(container, key)) throw new OperationFailure(`Unable to remove nonexistent key: ${key}: ${MISSING}`);
    delete container[key];
    return;
  }
  container.splice(existingIndex(container, key), 1);
}

/** RFC 6901 unescaping, `~1` then `~0` in one pass as Go's strings.Replacer does it. */
function unescape(token: string): string {
  return token.replace(/~[01]/g, (escape) => (escape === '~1' ? '/' : '~'));
}

/**
 * findObject: the container holding the last token of `path` and that token, or `undefined` when
 * the path has no `/` or a parent is missing, null, or not an object or array.
 */
export function findParent(document: Container, path: string): [Container, string] | undefined {
  const tokens = path.split('/');
  if (tokens.length < 2) return undefined;
  let container: Container = document;
  for (const token of tokens.slice(1, -1)) {
    let next: JsonValue | undefined;
    try {
      next = getChild(container, unescape(token));
    } catch {
      return undefined;
    }
    if (!isObject(next) && !Array.isArray(next)) return undefined;
    container = next;
  }
  return [container, unescape(tokens[tokens.length - 1]!)];
}
