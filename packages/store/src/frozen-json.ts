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

function copyObject(value: object, freeze: boolean): unknown {
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
    // An own "__proto__" key (JSON.parse makes them) must stay data, not become the prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
    else out[key] = copy;
  }
  return freeze ? Object.freeze(out) : out;
}

/**
 * Whether `candidate` serializes to the same JSON value as `stored` (a tree made by
 * `toFrozenJson`), ignoring key order. Walks both without serializing either.
 */
export function sameJson(candidate: unknown, stored: unknown): boolean {
  if (candidate === stored) return true;
  switch (typeof candidate) {
    case 'number':
      return Number.isFinite(candidate) ? candidate === stored : stored === null;
    case 'object':
      return candidate !== null && sameObject(candidate, stored);
    default:
      return false;
  }
}

function sameObject(candidate: object, stored: unknown): boolean {
  const toJSON: unknown = (candidate as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return sameJson(toJSON.call(candidate), stored);
  if (typeof stored !== 'object' || stored === null) return false;
  if (Array.isArray(candidate)) {
    if (!Array.isArray(stored) || candidate.length !== stored.length) return false;
    for (let i = 0; i < candidate.length; i++) {
      const item: unknown = candidate[i];
      if (!sameJson(isDropped(item) ? null : item, stored[i])) return false;
    }
    return true;
  }
  if (Array.isArray(stored)) return false;
  const storedRecord = stored as Record<string, unknown>;
  let count = 0;
  for (const key of Object.keys(candidate)) {
    const item = (candidate as Record<string, unknown>)[key];
    if (isDropped(item)) continue;
    if (!Object.hasOwn(storedRecord, key) || !sameJson(item, storedRecord[key])) return false;
    count++;
  }
  return count === Object.keys(storedRecord).length;
}

function isDropped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}
