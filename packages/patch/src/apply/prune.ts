import { type JsonObject, type JsonValue, isObject, put } from '../json.js';
import type { ApplyType } from './apply-type.js';
import { FieldSet } from './field-set.js';
import { indexItems } from './list-items.js';
import { type PathElement, isFieldElement } from './path-element.js';
import { memberType, resolve } from './walk.js';

/**
 * Whether a path counts as in a set for pruning (EnsureNamedFieldsAreMembers): a member, or a
 * struct or map field with members below it.
 */
function covers(set: FieldSet | undefined, element: PathElement): boolean {
  return set !== undefined && (set.member || (isFieldElement(element) && set.hasChildren()));
}

/**
 * Updater.prune: removes what the applier set last time (`last`) and no manager, the applier's
 * new configuration included, owns now (`owned`). A container emptied by the removal goes too.
 * Returns a new value; `object` is not changed.
 */
export function pruneObject(object: JsonValue, last: FieldSet, owned: FieldSet, type: ApplyType): JsonValue {
  return prune([], object, last, owned, type) ?? null;
}

function prune(path: PathElement[], value: JsonValue, last: FieldSet, owned: FieldSet, type: ApplyType): JsonValue | undefined {
  const resolved = resolve(type, value);
  if (resolved.kind === 'leaf' || value === null) return value;
  let changed = false;
  if (resolved.kind === 'list') {
    const items = value as JsonValue[];
    const { byElement } = indexItems(resolved, items, path, false);
    const replaced = new Map<JsonValue, JsonValue | undefined>();
    for (const element of last.elements()) {
      const item = byElement.get(element);
      if (item === undefined) continue;
      const lastChild = last.child(element)!;
      const ownedChild = owned.child(element);
      if (covers(lastChild, element) && !covers(ownedChild, element)) {
        replaced.set(item, undefined);
      } else if (lastChild.hasChildren()) {
        path.push(element);
        const next = prune(path, item, lastChild, ownedChild ?? FieldSet.empty(), resolved.items);
        path.pop();
        if (next !== item) replaced.set(item, next);
      }
    }
    if (replaced.size === 0) return value;
    const out = items.flatMap((item) => {
      if (!replaced.has(item)) return [item];
      const next = replaced.get(item);
      return next === undefined ? [] : [next];
    });
    return out.length > 0 ? out : undefined;
  }
  const source = value as JsonObject;
  const out: JsonObject = { ...source };
  for (const element of last.elements()) {
    if (!isFieldElement(element)) continue;
    const key = element.slice(2);
    if (!Object.hasOwn(source, key)) continue;
    const lastChild = last.child(element)!;
    const ownedChild = owned.child(element);
    if (covers(lastChild, element) && !covers(ownedChild, element)) {
      delete out[key];
      changed = true;
    } else if (lastChild.hasChildren()) {
      path.push(element);
      const next = prune(path, source[key]!, lastChild, ownedChild ?? FieldSet.empty(), memberType(resolved, key));
      path.pop();
      if (next === source[key]) continue;
      changed = true;
      if (next === undefined) delete out[key];
      else put(out, key, next);
    }
  }
  if (!changed) return value;
  return Object.keys(out).length > 0 || !isObject(value) ? out : undefined;
}
