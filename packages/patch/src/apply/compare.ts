import { type JsonObject, type JsonValue, jsonEqual } from '../json.js';
import type { ApplyType } from './apply-type.js';
import { FieldSet } from './field-set.js';
import { asList, asObject, indexItems } from './list-items.js';
import { type PathElement, fieldElement } from './path-element.js';
import { memberType, memberValue, resolve } from './walk.js';
import { MEMBER, wholeFields } from './whole-fields.js';

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
  const result = visit([], lhs, rhs, type);
  return {
    added: FieldSet.ofChildren(result?.added ?? {}),
    modified: FieldSet.ofChildren(result?.modified ?? {}),
    removed: FieldSet.ofChildren(result?.removed ?? {}),
  };
}

/** One path's part of a comparison, as FieldsV1 nodes; a side is absent when it holds nothing. */
interface Changes {
  added?: JsonObject;
  modified?: JsonObject;
  removed?: JsonObject;
}

/** Puts a child's changes under `element` in its parent's. */
function take(changes: Changes, element: PathElement, child: Changes | undefined): void {
  if (!child) return;
  if (child.added) (changes.added ??= {})[element] = child.added;
  if (child.modified) (changes.modified ??= {})[element] = child.modified;
  if (child.removed) (changes.removed ??= {})[element] = child.removed;
}

/** The changes below one path, built bottom up; undefined when there are none. */
function visit(path: PathElement[], lhs: JsonValue | undefined, rhs: JsonValue | undefined, type: ApplyType): Changes | undefined {
  if (lhs === undefined && rhs === undefined) return undefined;
  if (path.length > 0 && lhs === undefined) return { added: wholeFields(path, rhs!, type) };
  if (path.length > 0 && rhs === undefined) return { removed: wholeFields(path, lhs!, type) };
  const resolved = resolve(type, lhs, rhs);
  if (resolved.kind === 'leaf') return jsonEqual(lhs, rhs) ? undefined : { modified: MEMBER };
  const changes: Changes = {};
  if (resolved.kind === 'list') {
    // An unchanged list holds no change: skip keying its items (most lists of an update are).
    if (jsonEqual(lhs, rhs)) return undefined;
    const left = indexItems(resolved, asList(lhs), path, false);
    const right = indexItems(resolved, asList(rhs), path, false);
    for (const element of left.elements) {
      path.push(element);
      take(changes, element, visit(path, left.byElement.get(element), right.byElement.get(element), resolved.items));
      path.pop();
    }
    for (const element of right.elements) {
      if (left.byElement.has(element)) continue;
      path.push(element);
      take(changes, element, visit(path, undefined, right.byElement.get(element), resolved.items));
      path.pop();
    }
  } else {
    const left = asObject(lhs);
    const right = asObject(rhs);
    for (const key of Object.keys(left)) {
      const element = fieldElement(key);
      path.push(element);
      take(changes, element, visit(path, memberValue(resolved, lhs, key), memberValue(resolved, rhs, key), memberType(resolved, key)));
      path.pop();
    }
    for (const key of Object.keys(right)) {
      if (Object.hasOwn(left, key)) continue;
      const element = fieldElement(key);
      path.push(element);
      take(changes, element, visit(path, memberValue(resolved, lhs, key), right[key], memberType(resolved, key)));
      path.pop();
    }
  }
  return changes.added || changes.modified || changes.removed ? changes : undefined;
}
