/**
 * Copies a value into a deeply frozen tree of plain JSON values, dropping and converting exactly
 * what `JSON.stringify` drops and converts. One walk both copies and freezes, and
 * `JSON.stringify(toFrozenJson(v)) === JSON.stringify(v)`, so a stored object and its bytes
 * always agree and nothing a caller keeps can reach into the store.
 */
export function toFrozenJson(value: unknown): unknown {
  return copyJson(value, true);
}

/**
 * The same copy, left mutable: what a writer changes before it stores (a stored object thawed for
 * an update, a caller's object a create must not touch). Much faster than `structuredClone`,
 * which serializes, and it keeps JSON's meaning (a Date becomes its string, undefined goes).
 */
export function toJsonCopy(value: unknown): unknown {
  return copyJson(value, false);
}

function copyJson(value: unknown, freeze: boolean): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object':
      return value === null ? null : copyObject(value, freeze);
    default:
      // undefined, functions and symbols: dropped from objects, null in arrays.
      return undefined;
  }
}

/**
 * toFrozenJson for a new version of `previous` (a stored, deeply frozen tree): every subtree
 * that equals (sameJson) the one at the same place in `previous` is previous's own node. So
 * consecutive versions of an object share what did not change, in memory and in what the
 * collector walks, and a value equal to `previous` comes back as `previous` itself: a write's
 * no-op check and its copy are one walk. It walks bottom up and allocates a node only where
 * something below it changed.
 */
export function toFrozenJsonSharing(value: unknown, previous: unknown): unknown {
  if (value === previous) return previous;
  if (typeof value !== 'object' || value === null) {
    const copy = copyJson(value, true);
    return copy === previous ? previous : copy;
  }
  if (typeof previous !== 'object' || previous === null) return copyJson(value, true);
  if (Object.isFrozen(value) && isVerifiedFrozenJson(value)) return sameJson(value, previous) ? previous : value;
  const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return toFrozenJsonSharing(toJSON.call(value), previous);
  if (Array.isArray(value) !== Array.isArray(previous)) return copyJson(value, true);
  return Array.isArray(value) ? shareArray(value, previous as readonly unknown[]) : shareObject(value, previous as Record<string, unknown>);
}

function shareArray(value: readonly unknown[], before: readonly unknown[]): readonly unknown[] {
  let out = value.length === before.length ? undefined : new Array<unknown>(value.length);
  for (let i = 0; i < value.length; i++) {
    const copy = (i < before.length ? toFrozenJsonSharing(value[i], before[i]) : copyJson(value[i], true)) ?? null;
    if (out === undefined && copy !== before[i]) out = before.slice(0, i);
    if (out !== undefined) out[i] = copy;
  }
  return out === undefined ? before : Object.freeze(out);
}

function shareObject(value: object, before: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(value);
  let out: Record<string, unknown> | undefined;
  let shared = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const item = (value as Record<string, unknown>)[key];
    const had = Object.hasOwn(before, key);
    const copy = had ? toFrozenJsonSharing(item, before[key]) : copyJson(item, true);
    if (out === undefined) {
      if (copy === undefined ? !had : copy === before[key]) {
        if (had) shared++;
        continue;
      }
      out = sharedPrefix(keys, i, before);
    }
    if (copy !== undefined) setOwn(out, key, copy);
  }
  if (out !== undefined) return Object.freeze(out);
  // Every key of value kept previous's node: the same object unless value lacks some of its keys.
  return shared === Object.keys(before).length ? before : Object.freeze(sharedPrefix(keys, keys.length, before));
}

/** The first `count` of `keys`, in order, holding previous's nodes (the walk found them unchanged). */
function sharedPrefix(keys: readonly string[], count: number, before: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let j = 0; j < count; j++) if (Object.hasOwn(before, keys[j]!)) setOwn(out, keys[j]!, before[keys[j]!]);
  return out;
}

/** out[key] = value, where an own "__proto__" key (JSON.parse makes them) stays data, not the prototype. */
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/**
 * Whether a value is already what a frozen copy would be: plain objects and arrays, frozen all
 * the way down, holding only JSON values. Such a subtree (managed fields the registry reuses
 * or built frozen) is shared, not copied. Walks without allocating; answers no at the first
 * thing that is not.
 */
function isFrozenJson(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (!Object.isFrozen(value)) return false;
      const prototype: unknown = Object.getPrototypeOf(value);
      if (Array.isArray(value)) {
        if (prototype !== Array.prototype) return false;
        for (let i = 0; i < value.length; i++) if (!isFrozenJson(value[i])) return false;
        return true;
      }
      if (prototype !== Object.prototype && prototype !== null) return false;
      for (const key of Object.keys(value)) if (!isFrozenJson((value as Record<string, unknown>)[key])) return false;
      return true;
    }
    default:
      return false;
  }
}

/**
 * Frozen subtrees already found to be frozen JSON: frozen values cannot change, so one check
 * lasts. Shared subtrees (managed fields) come back on every write of their object.
 */
const verified = new WeakSet<object>();

function isVerifiedFrozenJson(value: object): boolean {
  if (verified.has(value)) return true;
  if (!isFrozenJson(value)) return false;
  verified.add(value);
  return true;
}

function copyObject(value: object, freeze: boolean): unknown {
  if (freeze && Object.isFrozen(value) && isVerifiedFrozenJson(value)) return value;
  const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return copyJson(toJSON.call(value), freeze);
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyJson(value[i], freeze) ?? null;
    return freeze ? Object.freeze(out) : out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const copy = copyJson((value as Record<string, unknown>)[key], freeze);
    if (copy === undefined) continue;
    setOwn(out, key, copy);
  }
  return freeze ? Object.freeze(out) : out;
}

/**
 * Whether two values serialize to the same JSON value, ignoring key order (apiequality's
 * Semantic.DeepEqual for plain data): what JSON drops (undefined, functions) counts as absent,
 * `toJSON` is applied, a non-finite number is null. Walks both without serializing either: the
 * store's no-op check compares a candidate with the stored tree, the registry's update checks
 * compare parts of objects.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Plain containers, the common case, skip the toJSON and number handling of the general path.
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    if ((a as { toJSON?: unknown }).toJSON === undefined && (b as { toJSON?: unknown }).toJSON === undefined) return sameContainers(a, b);
  }
  const left = asJson(a);
  const right = asJson(b);
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  return sameContainers(left, right);
}

function sameContainers(left: object, right: object): boolean {
  if (Array.isArray(left)) {
    if (!Array.isArray(right) || left.length !== right.length) return false;
    for (let i = 0; i < left.length; i++) {
      const x: unknown = left[i];
      const y: unknown = right[i];
      if (x !== y && !sameJson(isDropped(x) ? null : x, isDropped(y) ? null : y)) return false;
    }
    return true;
  }
  if (Array.isArray(right)) return false;
  const leftRecord = left as Record<string, unknown>;
  const rightRecord = right as Record<string, unknown>;
  let count = 0;
  for (const key of Object.keys(leftRecord)) {
    const item = leftRecord[key];
    if (isDropped(item)) continue;
    // Own keys only: `rightRecord.__proto__` of an object without that key is Object.prototype.
    if (!Object.hasOwn(rightRecord, key)) return false;
    const other = rightRecord[key];
    if (item !== other && !sameJson(item, other)) return false;
    count++;
  }
  // Every counted key is in right with an equal value; anything more in right must be dropped.
  const rightKeys = Object.keys(rightRecord);
  if (rightKeys.length === count) return true;
  for (const key of rightKeys) if (!isDropped(rightRecord[key])) count--;
  return count === 0;
}

/** The value JSON.stringify would write in its place: `toJSON` applied, a non-finite number as null. */
function asJson(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'object' && value !== null) {
    const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return asJson(toJSON.call(value));
  }
  return value;
}

function isDropped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}
