/**
 * The bits of Go's fmt/strconv/encoding/json that shape the apiserver's messages: `%q`, `%v` of
 * simple values, json.Marshal of complex ones, and string order. Internal to the package.
 */

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const SHORT_ESCAPES: Record<number, string> = {
  0x07: '\\a',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x0b: '\\v',
};

function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, '0');
}

/** strconv.Quote (what `%q` prints): a double-quoted Go string literal. */
export function goQuote(value: string): string {
  let out = '"';
  for (const char of value) {
    let code = char.codePointAt(0) ?? 0;
    // A lone surrogate cannot be encoded as UTF-8; Go would see U+FFFD in its place.
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code === 0x22) out += '\\"';
    else if (code === 0x5c) out += '\\\\';
    else if (code === 0x20 || PRINTABLE.test(String.fromCodePoint(code))) out += String.fromCodePoint(code);
    else if (SHORT_ESCAPES[code] !== undefined) out += SHORT_ESCAPES[code];
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else if (code < 0x10000) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return `${out}"`;
}

/** `%v` of a float64: strconv 'g' with the shortest digits, exponent form below 1e-4 and from 1e6. */
export function goFormatFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa = '0', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(value);
}

/** `%v` of a number as Go would hold it: integers as ints, anything else as a float64. */
export function goFormatNumber(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e21 ? BigInt(value).toString() : goFormatFloat(value);
}

/** encoding/json.Marshal of a JSON-able value, with Go's HTML-safe escaping of <, > and &. */
export function goJsonMarshal(value: unknown): string {
  const json = JSON.stringify(value === undefined ? null : value) ?? 'null';
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Compares as Go compares strings: by UTF-8 bytes, which is code point order. */
export function compareGoStrings(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = (left[i]?.codePointAt(0) ?? 0) - (right[i]?.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}
