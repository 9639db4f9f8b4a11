import { goPointerName, kindFacts } from './decode.js';
import { hasProtobuf, messagePlanOf, wireOf, type MessagePlan, type ValueCodec } from './plan.js';
import { decodeBase64, MAGIC, parseRfc3339 } from './scalars.js';
import { WireWriter as Writer } from './wire.js';

/** A Kubernetes object in its JSON form, as the server holds it. */
export type KubernetesObject = { apiVersion: string; kind: string } & Record<string, unknown>;

/**
 * Encodes an object as `application/vnd.kubernetes.protobuf`: `k8s\0`, then a runtime.Unknown
 * with its TypeMeta and, as `raw`, the message of its kind. Fields absent from the JSON are left
 * out (Go's decoder reads them as zero values). Throws for a kind without a protobuf message
 * (meta/v1 Table, for one) and for values that do not have their JSON type.
 */
export function encodeKubernetesProtobuf(object: KubernetesObject): Uint8Array {
  const { apiVersion, kind } = object;
  const facts = kindFacts(apiVersion, kind);
  if (!facts) throw new Error(`protobuf: no kind ${JSON.stringify(kind)} is registered for version ${JSON.stringify(apiVersion)}`);
  if (!hasProtobuf(facts.id)) {
    // k8s.io/apimachinery/pkg/runtime/serializer/protobuf: errNotMarshalable.
    throw new Error(`object ${goPointerName(facts)} does not implement the protobuf marshalling interface and cannot be encoded to a protobuf message`);
  }
  const writer = new Writer().raw(MAGIC);
  // runtime.Unknown: {1: TypeMeta {1: apiVersion, 2: kind}, 2: raw, 3: contentEncoding, 4: contentType}, all four
  // written as Go writes them (k8s.io/apimachinery/pkg/runtime/types_proto.go).
  writer.tag(1, 2).fork().tag(1, 2).string(apiVersion).tag(2, 2).string(kind).ldelim();
  writer.tag(2, 2).fork();
  writeMessage(writer, messagePlanOf(facts.id), object, kind);
  writer.ldelim();
  writer.tag(3, 2).string('').tag(4, 2).string('');
  return writer.finish();
}

function writeMessage(writer: Writer, plan: MessagePlan, object: Readonly<Record<string, unknown>>, path: string): void {
  for (const field of plan.fields) {
    if (field.inline) {
      // An embedded struct is a nested message on the wire; its fields are the parent's in JSON.
      writeValue(writer, field.number, field.value, object, path);
      continue;
    }
    const value = object[field.name];
    if (value === undefined || value === null) continue;
    const at = `${path}.${field.name}`;
    if (field.shape === 'single') {
      writeValue(writer, field.number, field.value, value, at);
    } else if (field.shape === 'repeated') {
      if (!Array.isArray(value)) throw mismatch(at, 'an array', value);
      value.forEach((element: unknown, i) => writeValue(writer, field.number, field.value, element, `${at}[${i}]`));
    } else {
      // Map entries {1: key, 2: value}, keys sorted as go-to-protobuf's marshallers sort them.
      const map = asObject(value, at);
      for (const key of Object.keys(map).sort()) {
        writer.tag(field.number, 2).fork().tag(1, 2).string(key);
        writeValue(writer, 2, field.value, map[key], `${at}.${key}`);
        writer.ldelim();
      }
    }
  }
}

function writeValue(writer: Writer, number: number, codec: ValueCodec, value: unknown, at: string): void {
  writer.tag(number, wireOf(codec));
  switch (codec.kind) {
    case 'string':
      writer.string(typed(value, 'string', at));
      return;
    case 'boolean':
      writer.bool(typed(value, 'boolean', at));
      return;
    case 'int32':
      writer.int32(integer(value, at));
      return;
    case 'int64':
      writer.int64(integer(value, at));
      return;
    case 'bytes':
      writer.bytes(decodeBase64(typed(value, 'string', at)));
      return;
  }
  writer.fork();
  switch (codec.kind) {
    case 'message':
      writeMessage(writer, messagePlanOf(codec.id), asObject(value ?? {}, at), at);
      break;
    case 'quantity':
      // resource.Quantity {1: string}: Go writes the canonical form, any form parses.
      writer.tag(1, 2).string(typeof value === 'number' ? String(value) : typed(value, 'string', at));
      break;
    case 'int-or-string': {
      // intstr.IntOrString {1: type (0 Int, 1 String), 2: intVal, 3: strVal}, all three written.
      const isString = typeof value === 'string';
      writer.tag(1, 0).int64(isString ? 1 : 0);
      writer.tag(2, 0).int32(isString ? 0 : integer(value, at));
      writer.tag(3, 2).string(isString ? value : '');
      break;
    }
    case 'time':
    case 'micro-time': {
      // metav1 Timestamp {1: seconds, 2: nanos}: Time drops the nanoseconds, MicroTime keeps microseconds.
      const { seconds, nanos } = parseRfc3339(typed(value, 'string', at));
      writer.tag(1, 0).int64(seconds);
      writer.tag(2, 0).int32(codec.kind === 'time' ? 0 : nanos - (nanos % 1000));
      break;
    }
    case 'string-list':
      // metav1.Verbs, ExtraValue, AttestationValue: {repeated string items = 1}.
      if (!Array.isArray(value)) throw mismatch(at, 'an array', value);
      for (const item of value) writer.tag(1, 2).string(typed(item, 'string', at));
      break;
    case 'raw':
    case 'fields-v1':
      // RawExtension {1: raw} and FieldsV1 {1: Raw} carry the JSON bytes (a string and bytes are alike on the wire).
      writer.tag(1, 2).string(JSON.stringify(value));
      break;
  }
  writer.ldelim();
}

function typed<K extends 'string' | 'boolean'>(value: unknown, kind: K, at: string): K extends 'string' ? string : boolean {
  if (typeof value !== kind) throw mismatch(at, `a ${kind}`, value);
  return value as K extends 'string' ? string : boolean;
}

function integer(value: unknown, at: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw mismatch(at, 'an integer', value);
  return value;
}

function asObject(value: unknown, at: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw mismatch(at, 'an object', value);
  return value as Record<string, unknown>;
}

function mismatch(at: string, expected: string, value: unknown): Error {
  return new TypeError(`protobuf: cannot encode ${at}: expected ${expected}, got ${JSON.stringify(value)}`);
}
