import { type JsonObject, type JsonValue, hasKey, isObject, put } from '../json.js';
import { badFormatForPrimitiveList, badFormatForRetainKeys, badFormatForSetElementOrder, internal, panicked } from './errors.js';

/** The strategic merge patch directives (strategicpatch/patch.go). */
export const DIRECTIVE_MARKER = '$patch';
export const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
export const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList';
export const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder';

/** `$deleteFromPrimitiveList/finalizers` → `finalizers`; 400 when there is no `/` or the prefix differs. */
export function extractKey(key: string, prefix: typeof DELETE_FROM_PRIMITIVE_LIST_PREFIX | typeof SET_ELEMENT_ORDER_PREFIX): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    throw prefix === SET_ELEMENT_ORDER_PREFIX ? badFormatForSetElementOrder() : badFormatForPrimitiveList();
  }
  return key.slice(slash + 1);
}

export function hasDirectiveMarker(value: JsonValue | undefined): value is JsonObject {
  return isObject(value) && hasKey(value, DIRECTIVE_MARKER);
}

/**
 * removeDirectives: drops every map that carries `$patch` (a map member or a list element) from a
 * value taken from the patch as is; `undefined` when the value itself is such a map. Other `$…`
 * keys stay, as upstream leaves them.
 */
export function removeDirectives(value: JsonValue): JsonValue | undefined {
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      const kept = removeDirectives(item);
      return kept === undefined ? [] : [kept];
    });
  }
  if (!isObject(value)) return value;
  if (hasKey(value, DIRECTIVE_MARKER)) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const kept = removeDirectives(item);
    if (kept === undefined) delete value[key];
    else put(value, key, kept);
  }
  return value;
}

/** discardNullValuesFromPatch: null members of maps go, at any depth (null list elements stay). */
export function discardNullValues(value: JsonValue): void {
  if (Array.isArray(value)) {
    value.forEach(discardNullValues);
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (item === null) delete value[key];
      else discardNullValues(item);
    }
  }
}

/**
 * extractRetainKeysPatchStrategy: the strategy besides `retainKeys` (`merge`, `replace` or `''`).
 * `retainKeys` itself needs nothing here: the `$retainKeys` directive is honoured wherever it is.
 */
export function patchStrategyOf(strategies: readonly string[]): string {
  if (strategies.length === 0) return '';
  if (strategies.length === 1) return strategies[0] === 'retainKeys' ? '' : strategies[0]!;
  if (strategies.length === 2 && strategies[0] === 'retainKeys') return strategies[1]!;
  if (strategies.length === 2 && strategies[1] === 'retainKeys') return strategies[0]!;
  throw internal(`unexpected patch strategy: [${strategies.join(' ')}]`);
}

/**
 * applyRetainKeysDirective: `$retainKeys: [a, b]` clears every member of the original not listed;
 * each non-null member the patch sets must be listed (400 otherwise).
 */
export function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!hasKey(patch, RETAIN_KEYS_DIRECTIVE)) return;
  const list = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];
  if (!Array.isArray(list)) throw badFormatForRetainKeys();
  // Upstream puts the listed values in a Go map: a map or a list among them makes it panic.
  if (list.some((item) => typeof item === 'object' && item !== null)) throw panicked();
  const retained = new Set(list);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || key.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX) || key.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    if (!retained.has(key)) throw badFormatForRetainKeys();
  }
  for (const key of Object.keys(original)) {
    if (!retained.has(key)) delete original[key];
  }
}
