import type { JsonObject, JsonValue } from '../json.js';
import { isObject } from '../json.js';

/**
 * One step of a field path, in the string form the `FieldsV1` format uses as object keys
 * (structured-merge-diff's PathElement): `f:<field>`, `k:<key fields as JSON>` for an item of a
 * list keyed by fields, `v:<value as JSON>` for an item of a set, `i:<index>` for a list position.
 */
export type PathElement = string;

export function fieldElement(name: string): PathElement {
  return `f:${name}`;
}

/** An item of a map-list: the key fields sorted by name, as upstream serializes them. */
export function keyElement(keys: readonly (readonly [string, JsonValue])[]): PathElement {
  const sorted = keys.length > 1 ? [...keys].sort(([a], [b]) => compareStrings(a, b)) : keys;
  return `k:{${sorted.map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`).join(',')}}`;
}

export function valueElement(value: JsonValue): PathElement {
  return `v:${JSON.stringify(value)}`;
}

export function indexElement(index: number): PathElement {
  return `i:${index}`;
}

/** Whether an element names a struct or map field (the others name list items). */
export function isFieldElement(element: PathElement): boolean {
  return element.startsWith('f:');
}

/** Whether a `FieldsV1` key is a well-formed path element. */
export function isPathElement(key: string): boolean {
  const kind = key.slice(0, 2);
  if (kind === 'f:') return true;
  if (kind === 'i:') return /^\d+$/.test(key.slice(2));
  if (kind === 'k:' || kind === 'v:') {
    try {
      const value: unknown = JSON.parse(key.slice(2));
      return kind === 'v:' || isObject(value);
    } catch {
      return false;
    }
  }
  return false;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** value.Compare: numbers, then strings, booleans, lists, maps, and null last. */
function rankOf(value: JsonValue): number {
  if (typeof value === 'number') return 0;
  if (typeof value === 'string') return 1;
  if (typeof value === 'boolean') return 2;
  if (Array.isArray(value)) return 3;
  if (value === null) return 5;
  return 4;
}

function compareValues(a: JsonValue, b: JsonValue): number {
  const rank = rankOf(a) - rankOf(b);
  if (rank !== 0) return rank;
  if (typeof a === 'number') return (a as number) - (b as number);
  if (typeof a === 'string') return compareStrings(a, b as string);
  if (typeof a === 'boolean') return Number(a) - Number(b);
  if (Array.isArray(a)) {
    const other = b as JsonValue[];
    for (let i = 0; i < Math.min(a.length, other.length); i++) {
      const c = compareValues(a[i]!, other[i]!);
      if (c !== 0) return c;
    }
    return a.length - other.length;
  }
  if (a === null) return 0;
  return compareFieldLists(a as JsonObject, b as JsonObject);
}

function compareFieldLists(a: JsonObject, b: JsonObject): number {
  const left = Object.keys(a).sort(compareStrings);
  const right = Object.keys(b).sort(compareStrings);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const name = compareStrings(left[i]!, right[i]!);
    if (name !== 0) return name;
    const value = compareValues(a[left[i]!]!, b[right[i]!]!);
    if (value !== 0) return value;
  }
  return left.length - right.length;
}

/** The rank of an element's kind by its first character: `f`, then `k`, `v`, `i`. */
function kindRank(element: PathElement): number {
  switch (element.charCodeAt(0)) {
    case 102:
      return 0;
    case 107:
      return 1;
    case 118:
      return 2;
    case 105:
      return 3;
    default:
      return 4;
  }
}

/** PathElement.Compare: field names, then keys, values and indices; the order FieldsV1 is written in. */
export function comparePathElements(a: PathElement, b: PathElement): number {
  const kindA = kindRank(a);
  const kindB = kindRank(b);
  if (kindA !== kindB) return kindA - kindB;
  // Field names share the `f:` prefix, so the whole strings compare as the names do.
  if (kindA === 0) return compareStrings(a, b);
  const restA = a.slice(2);
  const restB = b.slice(2);
  switch (kindA) {
    case 3:
      return Number(restA) - Number(restB);
    case 1:
      return compareFieldLists(JSON.parse(restA) as JsonObject, JSON.parse(restB) as JsonObject);
    default:
      return compareValues(JSON.parse(restA) as JsonValue, JSON.parse(restB) as JsonValue);
  }
}

/** value.ToString: strings quoted (Go's %q; JSON's quoting for the printable text keys hold), other values as JSON. */
function valueString(value: JsonValue): string {
  return JSON.stringify(value);
}

/** fieldpath.Path.String(): `.spec.containers[name="nginx"].image`, as conflict messages print paths. */
export function pathString(path: readonly PathElement[]): string {
  return path
    .map((element) => {
      const rest = element.slice(2);
      switch (element.slice(0, 2)) {
        case 'f:':
          return `.${rest}`;
        case 'i:':
          return `[${rest}]`;
        case 'v:':
          return `[=${valueString(JSON.parse(rest) as JsonValue)}]`;
        default: {
          const keys = JSON.parse(rest) as JsonObject;
          return `[${Object.entries(keys).map(([name, value]) => `${name}=${valueString(value)}`).join(',')}]`;
        }
      }
    })
    .join('');
}
