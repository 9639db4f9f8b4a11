import { findKind } from '../facts/lookup.js';
import type { StructFacts } from '../facts/model.js';
import { parseApiVersion } from '../gvk.js';
import type { JsonObject, JsonValue } from '../json.js';
import { hasProtobuf, messagePlanOf, wireOf, type FieldPlan, type MessagePlan, type ValueCodec } from './plan.js';
import { ProtobufDecodeError } from './errors.js';
import { encodeBase64, formatRfc3339, hasMagic, MAGIC } from './scalars.js';
import { WireReader as Reader } from './wire.js';

export interface DecodedProtobuf {
  apiVersion: string;
  kind: string;
  /** The object as its JSON form would carry it, `apiVersion` and `kind` included. */
  object: { apiVersion: string; kind: string } & Record<string, unknown>;
}

/**
 * Decodes an `application/vnd.kubernetes.protobuf` body: `k8s\0`, then a runtime.Unknown whose
 * `raw` is the message of the kind its TypeMeta names. Throws {@link ProtobufDecodeError} with
 * the apiserver's wording (a 400 BadRequest) for a bad envelope or message.
 */
export function decodeKubernetesProtobuf(bytes: Uint8Array): DecodedProtobuf {
  try {
    return decodeEnvelope(bytes);
  } catch (error) {
    // parseApiVersion's error about the envelope's apiVersion is a bad body too.
    throw error instanceof ProtobufDecodeError ? error : new ProtobufDecodeError((error as Error).message);
  }
}

/** Go's `%#v` of a type, as errors name it: `*v1.Table`. */
export function goPointerName(facts: StructFacts): string {
  return `*${facts.goPackage.slice(facts.goPackage.lastIndexOf('/') + 1)}.${facts.name}`;
}

/** runtime.Unknown: {1: TypeMeta {1: apiVersion, 2: kind}, 2: raw, 3: contentEncoding, 4: contentType} (k8s.io/apimachinery/pkg/runtime/types.go). */
function decodeEnvelope(bytes: Uint8Array): DecodedProtobuf {
  // Messages of k8s.io/apimachinery/pkg/runtime/serializer/protobuf's Serializer.Decode.
  if (bytes.length === 0) throw new ProtobufDecodeError('empty data');
  if (!hasMagic(bytes)) {
    throw new ProtobufDecodeError(`provided data does not appear to be a protobuf message, expected prefix [${MAGIC.join(' ')}]`);
  }
  if (bytes.length === MAGIC.length) throw new ProtobufDecodeError('empty body');
  const reader = new Reader(bytes.subarray(MAGIC.length));
  let apiVersion = '';
  let kind = '';
  let raw: Uint8Array = new Uint8Array(0);
  readFields(reader, reader.buf.length, 'Unknown', (number, wire) => {
    if (number === 1 && expectWire(wire, 2, 'TypeMeta')) {
      readFields(reader, subEnd(reader, reader.buf.length), 'TypeMeta', (n, w) => {
        if (n === 1 && expectWire(w, 2, 'APIVersion')) apiVersion = reader.string();
        else if (n === 2 && expectWire(w, 2, 'Kind')) kind = reader.string();
        else reader.skip(w);
      });
    } else if (number === 2 && expectWire(wire, 2, 'Raw')) raw = reader.bytes();
    else reader.skip(wire);
  });
  const typeMeta = `runtime.TypeMeta{APIVersion:${JSON.stringify(apiVersion)}, Kind:${JSON.stringify(kind)}}`;
  if (kind === '') throw new ProtobufDecodeError(`Object 'Kind' is missing in '${typeMeta}'`);
  if (apiVersion === '') throw new ProtobufDecodeError(`Object 'apiVersion' is missing in '${typeMeta}'`);
  const facts = kindFacts(apiVersion, kind);
  if (!facts) {
    throw new ProtobufDecodeError(
      `no kind ${JSON.stringify(kind)} is registered for version ${JSON.stringify(apiVersion)} in scheme "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30"`,
    );
  }
  if (!hasProtobuf(facts.id)) {
    throw new ProtobufDecodeError(`object ${goPointerName(facts)} does not implement the protobuf marshalling interface and cannot be encoded to a protobuf message`);
  }
  const object = { apiVersion, kind, ...readMessage(new Reader(raw), raw.length, messagePlanOf(facts.id)) };
  return { apiVersion, kind, object };
}

/** {@link findKind} by apiVersion and kind (findKind remembers what it finds). */
export function kindFacts(apiVersion: string, kind: string): StructFacts | undefined {
  return findKind({ ...parseApiVersion(apiVersion), kind });
}

/** Reads the fields of one message up to `end`, handing each tag to `visit`, which reads or skips the value. */
function readFields(reader: Reader, end: number, message: string, visit: (number: number, wire: number) => void): void {
  while (reader.pos < end) {
    const tag = reader.uint32();
    const number = tag >>> 3;
    const wire = tag & 7;
    // gogo-protobuf names the message by its Go name.
    const name = message.slice(message.lastIndexOf('.') + 1);
    if (number === 0) throw new ProtobufDecodeError(`proto: ${name}: illegal tag 0 (wire type ${wire})`);
    if (wire === 4) throw new ProtobufDecodeError(`proto: ${name}: wiretype end group for non-group`);
    visit(number, wire);
    if (reader.pos > end) throw new ProtobufDecodeError('unexpected EOF');
  }
}

/** The end of a length-delimited value starting at the reader, checked against its container's end. */
function subEnd(reader: Reader, end: number): number {
  const length = reader.uint32();
  const stop = reader.pos + length;
  if (stop > end) throw new ProtobufDecodeError('unexpected EOF');
  return stop;
}

function expectWire(wire: number, expected: number, field: string): true {
  if (wire !== expected) throw new ProtobufDecodeError(`proto: wrong wireType = ${wire} for field ${field}`);
  return true;
}

/** A zero value that `omitempty` leaves out of JSON. */
function isZero(value: JsonValue): boolean {
  return value === '' || value === 0 || value === false;
}

function readMessage(reader: Reader, end: number, plan: MessagePlan): JsonObject {
  const slots = new Map<FieldPlan, JsonValue>();
  readFields(reader, end, plan.id, (number, wire) => {
    const field = plan.byNumber.get(number);
    if (!field) {
      reader.skip(wire);
    } else if (field.shape === 'single') {
      expectWire(wire, field.wire, field.name);
      const value = readValue(reader, end, field.value);
      if (value === undefined) slots.delete(field);
      else slots.set(field, value);
    } else if (field.shape === 'repeated') {
      const list = (slots.get(field) as JsonValue[] | undefined) ?? [];
      slots.set(field, list);
      if (wire === 2 && field.wire === 0) {
        // A packed run of varints: proto2 parsers accept it for any repeated scalar.
        const stop = subEnd(reader, end);
        while (reader.pos < stop) list.push(readValue(reader, stop, field.value) ?? null);
      } else {
        expectWire(wire, field.wire, field.name);
        list.push(readValue(reader, end, field.value) ?? null);
      }
    } else {
      expectWire(wire, 2, field.name);
      const map = (slots.get(field) as JsonObject | undefined) ?? {};
      slots.set(field, map);
      readMapEntry(reader, subEnd(reader, end), field, map);
    }
  });
  // Fields come out in Go declaration order, as Go's JSON encoder writes them.
  const out: JsonObject = {};
  for (const field of plan.fields) {
    const value = slots.get(field);
    if (value === undefined || (field.omitZero && isZero(value))) continue;
    if (field.inline) Object.assign(out, value);
    else out[field.name] = value;
  }
  return out;
}

/** A map entry message {1: key, 2: value}. */
function readMapEntry(reader: Reader, end: number, field: FieldPlan, map: JsonObject): void {
  let key = '';
  let value: JsonValue | undefined;
  readFields(reader, end, `${field.name} entry`, (number, wire) => {
    if (number === 1 && expectWire(wire, 2, 'key')) key = reader.string();
    else if (number === 2 && expectWire(wire, wireOf(field.value), 'value')) value = readValue(reader, end, field.value) ?? null;
    else reader.skip(wire);
  });
  // A missing value is its type's zero: the byte 0 reads as varint 0 or as an empty length-delimited value.
  value ??= readValue(new Reader(ZERO), 1, field.value) ?? null;
  // An own property even for `__proto__`.
  if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}

const ZERO = new Uint8Array([0]);
const UTF8 = new TextDecoder();

/** One value of a codec; undefined where Go's JSON would write null (a zero Time, an empty RawExtension). */
function readValue(reader: Reader, end: number, codec: ValueCodec): JsonValue | undefined {
  switch (codec.kind) {
    case 'string':
      return reader.string();
    case 'boolean':
      return reader.bool();
    case 'int32':
      return reader.int32();
    case 'int64':
      return reader.int64();
    case 'bytes':
      return encodeBase64(reader.bytes());
    case 'message':
      return readMessage(reader, subEnd(reader, end), messagePlanOf(codec.id));
    default:
      return readSpecial(reader, subEnd(reader, end), codec.kind);
  }
}

type SpecialKind = Exclude<ValueCodec['kind'], 'string' | 'boolean' | 'int32' | 'int64' | 'bytes' | 'message'>;
type Part = 'int' | 'string' | 'bytes';

/** The messages of the special types, by field number. */
const LAYOUTS: Record<SpecialKind, readonly (Part | undefined)[]> = {
  quantity: [undefined, 'string'],
  'int-or-string': [undefined, 'int', 'int', 'string'],
  time: [undefined, 'int', 'int'],
  'micro-time': [undefined, 'int', 'int'],
  'string-list': [undefined, 'string'],
  raw: [undefined, 'bytes'],
  'fields-v1': [undefined, 'bytes'],
};

function readSpecial(reader: Reader, end: number, kind: SpecialKind): JsonValue | undefined {
  const empty = reader.pos === end;
  const parts: (number | string | Uint8Array | undefined)[] = [];
  const items: string[] = [];
  readFields(reader, end, kind, (number, wire) => {
    const part = LAYOUTS[kind][number];
    if (part === undefined) return void reader.skip(wire);
    expectWire(wire, part === 'int' ? 0 : 2, `${kind}[${number}]`);
    parts[number] = part === 'int' ? reader.int64() : part === 'string' ? reader.string() : reader.bytes();
    if (kind === 'string-list') items.push(parts[number] as string);
  });
  switch (kind) {
    case 'quantity':
      // resource.Quantity {1: string}; a zero Quantity is "0" in JSON (k8s.io/apimachinery/pkg/api/resource/quantity_proto.go).
      return (parts[1] as string | undefined) ?? '0';
    case 'int-or-string':
      // intstr.IntOrString {1: type (0 Int, 1 String), 2: intVal, 3: strVal} (k8s.io/apimachinery/pkg/util/intstr/intstr.go).
      return parts[1] === 1 ? ((parts[3] as string | undefined) ?? '') : ((parts[2] as number | undefined) ?? 0);
    case 'time':
    case 'micro-time': {
      // metav1 Timestamp {1: seconds, 2: nanos}; an empty message is the zero time, null in JSON. Time keeps
      // whole seconds, MicroTime microseconds (k8s.io/apimachinery/pkg/apis/meta/v1/time_proto.go, micro_time_proto.go).
      if (empty) return undefined;
      const timestamp = { seconds: (parts[1] as number | undefined) ?? 0, nanos: (parts[2] as number | undefined) ?? 0 };
      return formatRfc3339(timestamp, kind === 'micro-time');
    }
    case 'string-list':
      // metav1.Verbs, ExtraValue, AttestationValue: {repeated string items = 1}.
      return items;
    case 'raw':
    case 'fields-v1': {
      // runtime.RawExtension {1: raw} and metav1.FieldsV1 {1: Raw} hold JSON (k8s.io/apimachinery/pkg/runtime/extension.go);
      // Go writes a nil Raw as null.
      const raw = parts[1] as Uint8Array | undefined;
      return raw === undefined || raw.length === 0 ? undefined : rawJson(raw);
    }
  }
}

/** A RawExtension's bytes: JSON, or an object of its own in protobuf (`k8s\0` prefix), as in protobuf watch events. */
function rawJson(raw: Uint8Array): JsonValue {
  if (hasMagic(raw)) return decodeEnvelope(raw).object as JsonObject;
  try {
    return JSON.parse(UTF8.decode(raw)) as JsonValue;
  } catch {
    throw new ProtobufDecodeError('embedded raw data is neither JSON nor protobuf');
  }
}
