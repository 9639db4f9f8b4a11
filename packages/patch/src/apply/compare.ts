import { type JsonValue, jsonEqual } from '../json.js';
import type { ApplyType } from './apply-type.js';
import { FieldSet } from './field-set.js';
import { asList, asObject, indexItems } from './list-items.js';
import { type PathElement, fieldElement } from './path-element.js';
import { memberType, memberValue, resolve } from './walk.js';

/** What changed between two versions of an object, as field sets (typed.Comparison). */
export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

/**
 * TypedValue.Compare: leaves (scalars and atomic values) that appear, disappear or change, and
 * the containers and list items that appear or disappear (their own path, as `.` in FieldsV1).
 */
export function compareObjects(lhs: JsonValue | undefined, rhs: JsonValue | undefined, type: ApplyType): Comparison {
  const comparison = { added: FieldSet.empty(), modified: FieldSet.empty(), removed: FieldSet.empty() };
  visit([], lhs, rhs, type, comparison);
  return comparison;
}

function visit(path: PathElement[], lhs: JsonValue | undefined, rhs: JsonValue | undefined, type: ApplyType, out: Comparison): void {
  if (lhs === undefined && rhs === undefined) return;
  const resolved = resolve(type, lhs, rhs);
  if (resolved.kind === 'leaf') {
    if (lhs === undefined) out.added.insert(path);
    else if (rhs === undefined) out.removed.insert(path);
    else if (!jsonEqual(lhs, rhs)) out.modified.insert(path);
    return;
  }
  if (resolved.kind === 'list') {
    const left = indexItems(resolved, asList(lhs), path, false);
    const right = indexItems(resolved, asList(rhs), path, false);
    for (const element of left.elements) {
      path.push(element);
      visit(path, left.byElement.get(element), right.byElement.get(element), resolved.items, out);
      path.pop();
    }
    for (const element of right.elements) {
      if (left.byElement.has(element)) continue;
      path.push(element);
      visit(path, undefined, right.byElement.get(element), resolved.items, out);
      path.pop();
    }
  } else {
    const left = asObject(lhs);
    const right = asObject(rhs);
    for (const key of Object.keys(left)) {
      path.push(fieldElement(key));
      visit(path, memberValue(resolved, lhs, key), memberValue(resolved, rhs, key), memberType(resolved, key), out);
      path.pop();
    }
    for (const key of Object.keys(right)) {
      if (Object.hasOwn(left, key)) continue;
      path.push(fieldElement(key));
      visit(path, memberValue(resolved, lhs, key), right[key], memberType(resolved, key), out);
      path.pop();
    }
  }
  if (path.length === 0) return;
  if (lhs === undefined) out.added.insert(path);
  else if (rhs === undefined) out.removed.insert(path);
}
