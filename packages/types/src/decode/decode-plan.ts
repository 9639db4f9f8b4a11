import { requireTypeFacts } from '../facts/lookup.js';
import type { TypeRef } from '../facts/model.js';

export interface FieldPlan {
  readonly type: TypeRef;
  /** Go type as reflect prints it, for Go-worded type errors. */
  readonly goType: string;
  /** Go names of the embedded structs the field comes through; Go's errors include them. */
  readonly embeddedPath: readonly string[];
}

export interface StructPlan {
  /** Go name of the struct (`ContainerPort`), as Go's errors name it. */
  readonly goName: string;
  /** Go type as reflect prints it (`v1.ContainerPort`). */
  readonly goType: string;
  readonly fields: ReadonlyMap<string, FieldPlan>;
}

const plans = new Map<string, StructPlan>();

/** How to decode the JSON object of a struct: its flattened JSON fields. Built once per struct. */
export function planOf(id: string): StructPlan {
  let plan = plans.get(id);
  if (!plan) {
    plan = buildPlan(id);
    plans.set(id, plan);
  }
  return plan;
}

function buildPlan(id: string): StructPlan {
  const facts = requireTypeFacts(id);
  const fields = new Map<string, FieldPlan>();
  const embedded: [string, FieldPlan][] = [];
  for (const field of facts.fields) {
    if (!field.json) continue;
    if (!field.inline) {
      fields.set(field.name, { type: field.type, goType: field.goType, embeddedPath: [] });
    } else if (field.type.kind === 'object') {
      for (const [name, inner] of planOf(field.type.id).fields) {
        embedded.push([name, { ...inner, embeddedPath: [field.name, ...inner.embeddedPath] }]);
      }
    }
  }
  // Declared fields win over embedded ones of the same name (Go's shallower-field rule).
  for (const [name, plan] of embedded) if (!fields.has(name)) fields.set(name, plan);
  const goPackage = facts.goPackage.slice(facts.goPackage.lastIndexOf('/') + 1);
  return { goName: facts.name, goType: `${goPackage}.${facts.name}`, fields };
}
