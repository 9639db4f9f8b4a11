import { findKind, getTypeFacts } from '../facts/lookup.js';
import type { TypeRef } from '../facts/model.js';
import type { GroupVersionKind } from '../gvk.js';
import type { JsonObject } from '../json.js';
import { planOf, type StructPlan } from './decode-plan.js';
import { BASE64, DURATION, QUANTITY, QUANTITY_FORMAT_MESSAGE, QUANTITY_SUFFIX, RFC3339, RFC3339_MICRO } from '../facts/patterns.js';

export interface DecodeError {
  /** Where the value is, in the style of Kubernetes' field paths: `spec.containers[0].ports[1].containerPort`. */
  path: string;
  /** The message Go's decoder gives (`json: cannot unmarshal string into Go struct field …`). */
  message: string;
}

export interface DecodeResult<T> {
  /** The input with unknown fields dropped, values of the wrong type dropped, nulls resolved as Go reads them. */
  object: T;
  /** Paths of dropped unknown fields, as in `unknown field "spec.foo"` (fieldValidation=Strict). */
  unknownFields: string[];
  /** Type errors in document order; the apiserver reports the first. */
  errors: DecodeError[];
}

export interface DecodeOptions {
  /**
   * The value is the caller's own (a body just parsed): when decoding would change nothing in it
   * (no unknown field, no null, no error), it comes back as it is instead of as a copy.
   */
  inPlace?: boolean;
}

/**
 * Decodes a kind's JSON object the way the apiserver's JSON decoder does: unknown fields are
 * dropped (and listed), values of the wrong type are reported with Go's wording. `T` is what the
 * caller expects back; it is accurate when `errors` is empty. The result holds no object or
 * array of `value` (unless `inPlace`): `raw` and `fields-v1` values are the only ones it shares.
 */
export function decodeObject<T = JsonObject>(gvk: GroupVersionKind, value: unknown, options: DecodeOptions = {}): DecodeResult<T> {
  const facts = findKind(gvk);
  if (!facts) throw new Error(`unknown kind ${gvk.kind} in ${gvk.group || 'core'}/${gvk.version}`);
  return decodeStruct<T>(facts.id, value, options);
}

/** {@link decodeObject} for any struct of the facts by id (`io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions`). */
export function decodeStruct<T = JsonObject>(id: string, value: unknown, options: DecodeOptions = {}): DecodeResult<T> {
  if (!getTypeFacts(id)) throw new Error(`no facts for type ${id}`);
  const plan = planOf(id);
  if (options.inPlace && isPlainObject(value) && structAsIs(plan, value)) return { object: value as T, unknownFields: [], errors: [] };
  const decoder = new Decoder();
  let object: unknown = {};
  if (isPlainObject(value)) {
    object = decoder.struct(plan, value);
  } else if (value !== null) {
    decoder.error(`json: cannot unmarshal ${jsonKind(value)} into Go value of type ${plan.goType}`);
  }
  return { object: object as T, unknownFields: decoder.unknownFields, errors: decoder.errors };
}

/** Returned by `value()` for a value Go would not store. */
const SKIP = Symbol('skip');
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_LIMIT = 2 ** 63;

class Decoder {
  readonly unknownFields: string[] = [];
  readonly errors: DecodeError[] = [];
  // Path of the value being decoded: strings are field names and map keys, numbers are indices.
  private readonly path: (string | number)[] = [];
  // Go's error context: the innermost struct and the JSON (and embedded Go) field names to here.
  private structName = '';
  private readonly fieldStack: string[] = [];

  struct(plan: StructPlan, input: Record<string, unknown>): JsonObject {
    const out: JsonObject = {};
    const outerStruct = this.structName;
    // for-in is the fastest walk over JSON.parse output, which has no inherited enumerable keys.
    for (const key in input) {
      const field = plan.fields.get(key);
      if (!field) {
        this.unknownFields.push(this.pathString(key));
        continue;
      }
      const raw = input[key];
      if (raw === null) continue;
      this.path.push(key);
      const depth = this.fieldStack.length;
      if (field.embeddedPath.length) this.fieldStack.push(...field.embeddedPath);
      this.fieldStack.push(key);
      this.structName = plan.goName;
      const value = this.value(field.type, raw, field.goType);
      this.structName = outerStruct;
      this.fieldStack.length = depth;
      this.path.pop();
      if (value !== SKIP) setOwn(out, key, value);
    }
    return out;
  }

  private value(type: TypeRef, raw: unknown, goType: string): unknown {
    switch (type.kind) {
      case 'string':
        return typeof raw === 'string' ? raw : this.typeError(raw, goType);
      case 'integer':
        if (typeof raw !== 'number') return this.typeError(raw, goType);
        if (!fitsInteger(raw, type.format)) return this.typeError(raw, goType, `number ${raw}`);
        return raw;
      case 'number':
        return typeof raw === 'number' ? raw : this.typeError(raw, goType);
      case 'boolean':
        return typeof raw === 'boolean' ? raw : this.typeError(raw, goType);
      case 'bytes':
        if (typeof raw !== 'string') return this.typeError(raw, goType);
        return this.check(raw, base64Error(raw));
      case 'quantity':
        return this.check(raw, quantityError(raw));
      case 'int-or-string':
        if (typeof raw === 'string') return raw;
        if (typeof raw === 'number' && fitsInteger(raw, 'int32')) return raw;
        return this.typeError(raw, 'int32', typeof raw === 'number' ? `number ${raw}` : undefined);
      case 'time':
      case 'micro-time':
      case 'duration':
        if (typeof raw !== 'string') return this.typeError(raw, 'string');
        return this.check(raw, textError(type.kind, raw));
      case 'raw':
      case 'fields-v1':
        return raw;
      case 'object':
        return isPlainObject(raw) ? this.struct(planOf(type.id), raw) : this.typeError(raw, goType);
      case 'array':
        return Array.isArray(raw) ? this.array(type.items, raw, elementGoType(goType)) : this.typeError(raw, goType);
      case 'map':
        return isPlainObject(raw) ? this.map(type.values, raw, elementGoType(goType)) : this.typeError(raw, goType);
    }
  }

  private array(items: TypeRef, raw: unknown[], goType: string): unknown[] {
    const out: unknown[] = [];
    for (let i = 0; i < raw.length; i++) {
      this.path.push(i);
      const item = raw[i] === null ? zeroValue(items) : this.value(items, raw[i], goType);
      this.path.pop();
      // Go keeps the element's zero value in place of a value it could not store.
      out.push(item === SKIP ? zeroValue(items) : item);
    }
    return out;
  }

  private map(values: TypeRef, raw: Record<string, unknown>, goType: string): JsonObject {
    const out: JsonObject = {};
    for (const key in raw) {
      this.path.push(key);
      const value = raw[key] === null ? zeroValue(values) : this.value(values, raw[key], goType);
      this.path.pop();
      if (value !== SKIP) setOwn(out, key, value);
    }
    return out;
  }

  /** Records Go's UnmarshalTypeError for `raw`; `described` overrides how the value is named. */
  private typeError(raw: unknown, goType: string, described?: string): typeof SKIP {
    const what = described ?? jsonKind(raw);
    this.error(
      this.fieldStack.length
        ? `json: cannot unmarshal ${what} into Go struct field ${this.structName}.${this.fieldStack.join('.')} of type ${goType}`
        : `json: cannot unmarshal ${what} into Go value of type ${goType}`,
    );
    return SKIP;
  }

  private check(raw: unknown, message: string | undefined): unknown {
    if (message === undefined) return raw;
    this.error(message);
    return SKIP;
  }

  error(message: string): void {
    this.errors.push({ path: this.pathString(), message });
  }

  private pathString(last?: string): string {
    let out = '';
    for (const segment of this.path) out += typeof segment === 'number' ? `[${segment}]` : out ? `.${segment}` : segment;
    if (last !== undefined) out += out ? `.${last}` : last;
    return out;
  }
}

/**
 * Whether decoding `input` would give back an equal value: every field known, no null, every
 * value of its type. The same checks as the Decoder, without building anything.
 */
function structAsIs(plan: StructPlan, input: Record<string, unknown>): boolean {
  for (const key in input) {
    const field = plan.fields.get(key);
    const raw = input[key];
    if (!field || raw === null || !valueAsIs(field.type, raw)) return false;
  }
  return true;
}

function valueAsIs(type: TypeRef, raw: unknown): boolean {
  switch (type.kind) {
    case 'string':
      return typeof raw === 'string';
    case 'integer':
      return typeof raw === 'number' && fitsInteger(raw, type.format);
    case 'number':
      return typeof raw === 'number';
    case 'boolean':
      return typeof raw === 'boolean';
    case 'bytes':
      return typeof raw === 'string' && base64Error(raw) === undefined;
    case 'quantity':
      return quantityError(raw) === undefined;
    case 'int-or-string':
      return typeof raw === 'string' || (typeof raw === 'number' && fitsInteger(raw, 'int32'));
    case 'time':
    case 'micro-time':
    case 'duration':
      return typeof raw === 'string' && textError(type.kind, raw) === undefined;
    case 'raw':
    case 'fields-v1':
      return true;
    case 'object':
      return isPlainObject(raw) && structAsIs(planOf(type.id), raw);
    case 'array':
      if (!Array.isArray(raw)) return false;
      for (const item of raw) if (item === null || !valueAsIs(type.items, item)) return false;
      return true;
    case 'map':
      if (!isPlainObject(raw)) return false;
      for (const key in raw) if (raw[key] === null || !valueAsIs(type.values, raw[key])) return false;
      return true;
  }
}

function fitsInteger(n: number, format: 'int32' | 'int64'): boolean {
  if (!Number.isInteger(n)) return false;
  return format === 'int32' ? n >= INT32_MIN && n <= INT32_MAX : n >= -INT64_LIMIT && n < INT64_LIMIT;
}

function jsonKind(raw: unknown): string {
  if (Array.isArray(raw)) return 'array';
  switch (typeof raw) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'bool';
    default:
      return 'object';
  }
}

function elementGoType(goType: string): string {
  if (goType.startsWith('[]')) return goType.slice(2);
  if (goType.startsWith('map[')) return goType.slice(goType.indexOf(']') + 1);
  return goType;
}

function quantityError(raw: unknown): string | undefined {
  // Go parses the raw JSON text: a number literal, or the contents of a string.
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : undefined;
  const match = text === undefined ? null : QUANTITY.exec(text);
  if (!match) return QUANTITY_FORMAT_MESSAGE;
  if (!QUANTITY_SUFFIX.test(match[2] ?? '')) return "unable to parse quantity's suffix";
  return undefined;
}

function textError(kind: 'time' | 'micro-time' | 'duration', text: string): string | undefined {
  switch (kind) {
    case 'time':
      return RFC3339.test(text) ? undefined : `parsing time ${JSON.stringify(text)} as "2006-01-02T15:04:05Z07:00": cannot parse`;
    case 'micro-time':
      return RFC3339_MICRO.test(text)
        ? undefined
        : `parsing time ${JSON.stringify(text)} as "2006-01-02T15:04:05.000000Z07:00": cannot parse`;
    case 'duration':
      if (DURATION.test(text)) return undefined;
      return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)
        ? `time: missing unit in duration ${JSON.stringify(text)}`
        : `time: invalid duration ${JSON.stringify(text)}`;
  }
}

function base64Error(text: string): string | undefined {
  const stripped = text.replace(/[\r\n]/g, '');
  if (BASE64.test(stripped)) return undefined;
  const bad = stripped.search(/[^A-Za-z0-9+/=]/);
  return `illegal base64 data at input byte ${bad === -1 ? stripped.length - (stripped.length % 4) : bad}`;
}

/** The value Go stores for a JSON null inside an array or map. */
function zeroValue(type: TypeRef): unknown {
  switch (type.kind) {
    case 'string':
      return '';
    case 'integer':
    case 'number':
    case 'int-or-string':
      return 0;
    case 'boolean':
      return false;
    case 'quantity':
      return '0';
    case 'duration':
      return '0s';
    case 'object':
      return {};
    default:
      return null;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// `__proto__` is a legal JSON key; plain assignment would set the prototype instead.
function setOwn(target: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value as JsonObject[string];
}
