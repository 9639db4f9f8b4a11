import { type JsonObject, type JsonValue, jsonEqual } from '../json.js';
import { type ApplyType, UNTYPED } from './apply-type.js';
import { FieldSet } from './field-set.js';
import { asList, asObject, indexItems } from './list-items.js';
import { type PathElement, fieldElement } from './path-element.js';
import { resolve, zeroOf } from './walk.js';
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
  const result = lhs === undefined || rhs === undefined ? visitMember(lhs, rhs, type) : visitPresent(lhs, rhs, type);
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

/** Compare does not report errors, so list items are keyed without a path for messages. */
const NO_PATH: PathElement[] = [];

/** Puts a child's changes under `element` in its parent's. */
function take(changes: Changes, element: PathElement, child: Changes | undefined): void {
  if (!child) return;
  if (child.added) (changes.added ??= {})[element] = child.added;
  if (child.modified) (changes.modified ??= {})[element] = child.modified;
  if (child.removed) (changes.removed ??= {})[element] = child.removed;
}

/** The changes at a member of a container: a whole subtree when one side is absent. */
function visitMember(lhs: JsonValue | undefined, rhs: JsonValue | undefined, type: ApplyType): Changes | undefined {
  if (lhs === undefined) return rhs === undefined ? undefined : { added: wholeFields(NO_PATH, rhs, type) };
  if (rhs === undefined) return { removed: wholeFields(NO_PATH, lhs, type) };
  // Most of an update is unchanged: an equal subtree is skipped without resolving its types.
  if (jsonEqual(lhs, rhs)) return undefined;
  return visitPresent(lhs, rhs, type);
}

/** The changes below a path both sides have, built bottom up; undefined when there are none. */
function visitPresent(lhs: JsonValue, rhs: JsonValue, type: ApplyType): Changes | undefined {
  const resolved = resolve(type, lhs, rhs);
  if (resolved.kind === 'leaf') return jsonEqual(lhs, rhs) ? undefined : { modified: MEMBER };
  const changes: Changes = {};
  if (resolved.kind === 'list') {
    const left = indexItems(resolved, asList(lhs), NO_PATH, false);
    const right = indexItems(resolved, asList(rhs), NO_PATH, false);
    for (const element of left.elements) {
      take(changes, element, visitMember(left.byElement.get(element), right.byElement.get(element), resolved.items));
    }
    for (const element of right.elements) {
      if (!left.byElement.has(element)) take(changes, element, visitMember(undefined, right.byElement.get(element), resolved.items));
    }
  } else {
    const left = asObject(lhs);
    const right = asObject(rhs);
    const struct = resolved.kind === 'struct' ? resolved : undefined;
    for (const key of Object.keys(left)) {
      const field = struct?.field(key);
      const childType = resolved.kind === 'map' ? resolved.values : (field?.type ?? UNTYPED);
      const other = Object.hasOwn(right, key) ? right[key] : zeroOf(field, rhs);
      const child = visitMember(left[key], other, childType);
      if (child) take(changes, fieldElement(key), child);
    }
    for (const key of Object.keys(right)) {
      if (Object.hasOwn(left, key)) continue;
      const field = struct?.field(key);
      const childType = resolved.kind === 'map' ? resolved.values : (field?.type ?? UNTYPED);
      const child = visitMember(zeroOf(field, lhs), right[key], childType);
      if (child) take(changes, fieldElement(key), child);
    }
  }
  return changes.added || changes.modified || changes.removed ? changes : undefined;
}
