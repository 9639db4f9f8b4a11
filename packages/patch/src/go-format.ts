import { type JsonValue, isObject } from './json.js';

/**
 * How Go prints values in the error messages the real server sends. Go decodes a patch into
 * `map[string]interface{}` with integers as int64 (sigs.k8s.io/json's PreserveInts) and other
 * numbers as float64; `fmt`'s `%v` prints maps as `map[k:v …]` with sorted keys, slices as `[a b]`,
 * nil as `<nil>`, strings unquoted.
 */
export function goValue(value: JsonValue): string {
  if (value === null) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goValue).join(' ')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort(compareGoStrings);
    return `map[${keys.map((key) => `${key}:${goValue(value[key]!)}`).join(' ')}]`;
  }
  if (typeof value === 'number') return isInt64(value) ? String(value) : goFloat(value);
  return String(value);
}

/** `reflect.TypeOf(v)` of a decoded JSON value, as `%s` prints it (ErrBadArgType's wording). */
export function goTypeOf(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return '%!s(<nil>)';
  if (Array.isArray(value)) return '[]interface {}';
  if (isObject(value)) return 'map[string]interface {}';
  if (typeof value === 'number') return isInt64(value) ? 'int64' : 'float64';
  return typeof value === 'boolean' ? 'bool' : 'string';
}

/** encoding/json's name for a JSON value in `cannot unmarshal <kind> into …` errors. */
export function jsonKindOf(value: JsonValue): string {
  if (Array.isArray(value)) return 'array';
  if (isObject(value)) return 'object';
  if (typeof value === 'boolean') return 'bool';
  return value === null ? 'null' : typeof value;
}

function isInt64(value: number): boolean {
  return Number.isInteger(value) && Math.abs(value) < 2 ** 63;
}

/** Go sorts map keys by bytes; UTF-16 order differs only for astral characters, ignored here. */
function compareGoStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * strconv.FormatFloat(v, 'g', -1, 64), which `%v` uses: the shortest digits that round-trip, in
 * exponent form when the exponent is below -4 or at least 6 (strconv's rule for shortest `%g`).
 */
function goFloat(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN';
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(value);
}
