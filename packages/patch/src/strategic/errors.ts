import { goTypeOf, goValue } from '../go-format.js';
import { type JsonObject, type JsonValue, isObject } from '../json.js';
import { PatchError, unprocessable } from '../patch-error.js';

/**
 * Strategic merge patch errors with k8s.io/apimachinery's wording (mergepatch/errors.go,
 * strategicpatch/patch.go) and the status handlers/patch.go's interpretStrategicMergePatchError
 * gives them: the `invalid patch format …` errors are 400, lists of lists 422 (generic message),
 * everything else reaches the client as a 500 with the error's text.
 */
export const badFormatForPrimitiveList = () => new PatchError('BadRequest', 'invalid patch format of primitive list');
export const badFormatForRetainKeys = () => new PatchError('BadRequest', 'invalid patch format of retainKeys');
export const badFormatForSetElementOrder = () =>
  new PatchError('BadRequest', 'invalid patch format of setElementOrder list');
export const noListOfLists = () => unprocessable('lists of lists are not supported');

export function internal(message: string): PatchError {
  return new PatchError('InternalError', message);
}

/**
 * Where upstream's Go panics (comparing or hashing maps with `==`): the apiserver's panic filter
 * answers 500 with this text (as text/plain; a Status here).
 */
export function panicked(): PatchError {
  return internal('This request caused apiserver to panic. Look in the logs for details.');
}

/** mergepatch.ErrNoMergeKey. */
export function noMergeKey(map: JsonObject, mergeKey: string): PatchError {
  return internal(`map: ${goValue(map)} does not contain declared merge key: ${mergeKey}`);
}

/** mergepatch.ErrBadArgType: a value that should have been a map or a list. */
export function badArgType(expected: 'map' | 'list', actual: JsonValue | undefined): PatchError {
  const type = expected === 'map' ? 'map[string]interface {}' : '[]interface {}';
  return internal(`expected a ${type}, but received a ${goTypeOf(actual)}`);
}

/** mergepatch.ErrBadPatchType: a `$patch` value that is not a known directive. */
export function badPatchType(directive: JsonValue, map: JsonObject): PatchError {
  return internal(`unknown patch type: ${goString(directive)} in map: ${goValue(map)}`);
}

/**
 * `%s` of a decoded JSON value: strings as they are, other scalars as `%!s(type=value)`, a nil
 * inside a map or list as `<nil>` (fmt prints nested nil interfaces so, whatever the verb).
 */
function goString(value: JsonValue, nested = false): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map((item) => goString(item, true)).join(' ')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `map[${keys.map((key) => `${key}:${goString(value[key]!, true)}`).join(' ')}]`;
  }
  if (value === null) return nested ? '<nil>' : '%!s(<nil>)';
  return `%!s(${goTypeOf(value)}=${goValue(value)})`;
}
