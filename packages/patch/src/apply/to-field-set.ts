import { type JsonValue, isObject } from '../json.js';
import type { ApplyType } from './apply-type.js';
import { FieldSet } from './field-set.js';
import { ApplyTypeError, indexItems } from './list-items.js';
import { type PathElement, fieldElement, pathString } from './path-element.js';
import { memberType, resolve } from './walk.js';

function describe(value: JsonValue): string {
  if (Array.isArray(value)) return 'list';
  if (isObject(value)) return 'map';
  return typeof value === 'string' ? `string ${JSON.stringify(value)}` : String(value);
}

/**
 * TypedValue.ToFieldSet of an applied configuration: the fields it sets. Leaves and list items
 * are members; a map's keys are members too, and so is a field set to null or `{}`. A field the
 * schema does not declare, or a value of the wrong shape, is an ApplyTypeError.
 */
export function fieldSetOf(value: JsonValue, type: ApplyType): FieldSet {
  const set = FieldSet.empty();
  visit([], value, type, set);
  return set;
}

function visit(path: PathElement[], value: JsonValue, type: ApplyType, set: FieldSet): void {
  const resolved = resolve(type, value);
  if (resolved.kind === 'leaf') {
    if (type.kind !== 'untyped' && type.kind !== 'scalar' && value !== null) checkShape(path, value, type);
    set.insert(path);
    return;
  }
  if (resolved.kind === 'list') {
    if (value === null) return;
    const { elements, byElement } = indexItems(resolved, value as JsonValue[], path, true);
    for (const element of elements) {
      path.push(element);
      visit(path, byElement.get(element)!, resolved.items, set);
      set.insert(path);
      path.pop();
    }
    return;
  }
  if (value === null) return;
  for (const [key, member] of Object.entries(value as Record<string, JsonValue>)) {
    const declared = resolved.kind === 'struct' ? resolved.field(key) : undefined;
    path.push(fieldElement(key));
    if (resolved.kind === 'struct' && !declared) throw new ApplyTypeError(`${pathString(path)}: field not declared in schema`);
    visit(path, member, memberType(resolved, key), set);
    if (member === null || (isObject(member) && Object.keys(member).length === 0) || !declared) set.insert(path);
    path.pop();
  }
}

/** A struct, map or list must hold the right kind of value, atomic or not. */
function checkShape(path: PathElement[], value: JsonValue, type: ApplyType): void {
  const wanted = type.kind === 'list' ? 'list' : 'map';
  const ok = wanted === 'list' ? Array.isArray(value) : isObject(value);
  if (!ok) throw new ApplyTypeError(`${pathString(path)}: expected ${wanted}, got ${describe(value)}`);
}
