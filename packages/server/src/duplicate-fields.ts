/** An object or array being read; its path is only built when a duplicate inside it is found. */
interface Frame {
  readonly parent: Frame | undefined;
  /** Where this value sits in its parent: a key, an array index, or nothing at the top. */
  readonly at: string | number | undefined;
  /** Keys seen so far; undefined for an array. */
  readonly keys: Set<string> | undefined;
  /** The key whose value comes next; undefined while a key is expected (objects). */
  key: string | undefined;
  /** The index of the value being read (arrays). */
  index: number;
}

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

function pathOf(frame: Frame | undefined, key: string): string {
  const parts: Array<string | number> = [key];
  for (let at = frame; at?.at !== undefined; at = at.parent) parts.unshift(at.at);
  let path = '';
  for (const part of parts) path += typeof part === 'number' ? `[${part}]` : path ? `.${part}` : part;
  return path;
}

/** The index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  for (;;) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

/**
 * The paths of keys that appear twice in one JSON object (`spec.replicas`,
 * `spec.containers[0].name`), in document order: what fieldValidation reports as
 * `duplicate field "…"`, since `JSON.parse` keeps the last value silently. `text` must be valid
 * JSON and `parsed` what it parses to. Every JSON write reads it, and almost none has a
 * duplicate: when the text holds as many keys as the parsed value, there is none, and only
 * otherwise is the text walked object by object.
 */
export function duplicateFields(text: string, parsed: unknown = JSON.parse(text)): string[] {
  return keysInText(text) === keysInValue(parsed) ? [] : duplicatePaths(text);
}

/** How many object keys the JSON text holds: strings followed by a colon. */
function keysInText(text: string): number {
  let count = 0;
  for (let start = text.indexOf('"'); start !== -1; ) {
    let next = stringEnd(text, start) + 1;
    let char = text.charCodeAt(next);
    while (char === 0x20 || char === 0x0a || char === 0x0d || char === 0x09) char = text.charCodeAt(++next);
    if (char === COLON) count++;
    start = text.indexOf('"', next);
  }
  return count;
}

/** How many object keys a parsed JSON value holds, at every depth. */
function keysInValue(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += keysInValue(item);
    return count;
  }
  // for-in: JSON.parse output has no inherited enumerable keys, and an own "__proto__" is one.
  for (const key in value) count += 1 + keysInValue((value as Record<string, unknown>)[key]);
  return count;
}

/** The duplicate keys' paths, one frame per object or array: allocates per object, not per value. */
function duplicatePaths(text: string): string[] {
  const duplicates: string[] = [];
  let top: Frame | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === OPEN_OBJECT || char === OPEN_ARRAY) {
      const at = top === undefined ? undefined : top.keys === undefined ? top.index : top.key;
      top = { parent: top, at, keys: char === OPEN_OBJECT ? new Set() : undefined, key: undefined, index: 0 };
    } else if (char === CLOSE_OBJECT || char === CLOSE_ARRAY) {
      top = top?.parent;
    } else if (char === COMMA) {
      if (top?.keys === undefined) {
        if (top) top.index++;
      } else top.key = undefined;
    } else if (char === QUOTE) {
      const end = stringEnd(text, i);
      if (top?.keys !== undefined && top.key === undefined) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (top.keys.has(key)) duplicates.push(pathOf(top, key));
        top.keys.add(key);
        top.key = key;
      }
      i = end;
    }
  }
  return duplicates;
}
