import { requireTypeFacts } from '../facts/lookup.js';
import type { FieldFacts, TypeRef } from '../facts/model.js';

/**
 * How one protobuf value (a scalar, one element of a repeated field, one map value) is written.
 * The special kinds are messages of their own on the wire whose JSON form is a scalar.
 */
export type ValueCodec =
  | {
      readonly kind:
        | 'string'
        | 'boolean'
        | 'int32'
        | 'int64'
        | 'bytes'
        | 'quantity'
        | 'int-or-string'
        | 'time'
        | 'micro-time'
        | 'raw'
        | 'fields-v1'
        | 'string-list';
    }
  | { readonly kind: 'message'; readonly id: string };

export interface FieldPlan {
  /** JSON name (for an embedded struct, its Go name: its fields live in the parent's JSON object). */
  readonly name: string;
  readonly number: number;
  /** Wire type of one element (the facts' `protobuf.wire`): 0 varint, 2 length-delimited; 2 for map entries. */
  readonly wire: 0 | 2;
  readonly shape: 'single' | 'repeated' | 'map';
  /** The element's codec; for a map, the value's (keys are strings). */
  readonly value: ValueCodec;
  /** An embedded struct: a nested message on the wire, flattened into the parent in JSON. */
  readonly inline: boolean;
  /** Not a pointer and omitted when empty: a zero scalar decodes to an absent field, as `omitempty` writes it. */
  readonly omitZero: boolean;
}

export interface MessagePlan {
  readonly id: string;
  /** Fields with a protobuf number, in Go declaration order (the order Go writes JSON in). */
  readonly fields: readonly FieldPlan[];
  readonly byNumber: ReadonlyMap<number, FieldPlan>;
}

const plans = new Map<string, MessagePlan>();

/** The protobuf layout of a struct of the facts table, built on first use and cached. */
export function messagePlanOf(id: string): MessagePlan {
  let plan = plans.get(id);
  if (!plan) {
    plan = buildPlan(id);
    plans.set(id, plan);
  }
  return plan;
}

/** Whether the struct has a protobuf message at all (meta/v1 Table, for one, has none). */
export function hasProtobuf(id: string): boolean {
  return messagePlanOf(id).fields.length > 0;
}

function buildPlan(id: string): MessagePlan {
  const facts = requireTypeFacts(id);
  const fields: FieldPlan[] = [];
  for (const field of facts.fields) {
    const plan = fieldPlanOf(field, id);
    if (plan) fields.push(plan);
  }
  return { id, fields, byNumber: new Map(fields.map((f) => [f.number, f])) };
}

function fieldPlanOf(field: FieldFacts, structId: string): FieldPlan | undefined {
  const proto = field.protobuf;
  if (!proto || isForeign(field)) return undefined;
  const where = `${structId}.${field.name}`;
  const type = field.type;
  let shape: FieldPlan['shape'] = 'single';
  let value: ValueCodec;
  if (type.kind === 'map') {
    shape = 'map';
    // map[string][]string values are named types (ExtraValue, AttestationValue): `message { repeated string items = 1 }`.
    value = isStringList(type.values) ? { kind: 'string-list' } : codecOf(type.values, where);
  } else if (type.kind === 'array' && !field.goType.startsWith('[]')) {
    // A named []string (metav1.Verbs) is a message `{ repeated string items = 1 }`, not a repeated field.
    if (!isStringList(type)) throw new Error(`protobuf: unsupported named list ${field.goType} at ${where}`);
    value = { kind: 'string-list' };
  } else if (type.kind === 'array') {
    shape = 'repeated';
    value = codecOf(type.items, where);
  } else {
    value = codecOf(type, where);
  }
  return {
    name: field.name,
    number: proto.number,
    wire: proto.wire === 'varint' ? 0 : 2,
    shape,
    value,
    inline: field.inline,
    omitZero: field.optional && !field.pointer,
  };
}

/** Wire type of one value of a codec (a map value's, inside its entry). */
export function wireOf(codec: ValueCodec): 0 | 2 {
  return codec.kind === 'boolean' || codec.kind === 'int32' || codec.kind === 'int64' ? 0 : 2;
}

function isStringList(type: TypeRef): boolean {
  return type.kind === 'array' && type.items.kind === 'string';
}

/** Fields typed by packages outside the facts (batch/v1's alpha scheduling types) are kept as raw JSON there; their messages are unknown. */
function isForeign(field: FieldFacts): boolean {
  const element = field.type.kind === 'array' ? field.type.items : field.type;
  return element.kind === 'raw' && field.goType.replace(/^\[\]/, '') !== 'runtime.RawExtension';
}

function codecOf(type: TypeRef, where: string): ValueCodec {
  switch (type.kind) {
    case 'string':
    case 'boolean':
    case 'bytes':
    case 'quantity':
    case 'int-or-string':
    case 'time':
    case 'micro-time':
    case 'raw':
    case 'fields-v1':
      return { kind: type.kind };
    case 'integer':
      return { kind: type.format };
    case 'object':
      return { kind: 'message', id: type.id };
    case 'array':
    case 'map':
    case 'number':
    case 'duration':
      break;
  }
  // No stable kind has these (float64, metav1.Duration, nested lists); fail loudly if one appears.
  throw new Error(`protobuf: no encoding for ${JSON.stringify(type)} at ${where}`);
}
