import { jsonKindOf } from '../go-format.js';
import { type JsonObject, type JsonValue, isObject } from '../json.js';
import { PatchError } from '../patch-error.js';

/** handlers/patch.go maxJSONPatchOperations. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

/** The members of an operation that the apiserver decodes as strings (its `jsonPatchOp` struct). */
const STRING_MEMBERS = ['op', 'path', 'from'] as const;

/**
 * Checks a JSON patch document as the apiserver's jsonPatcher does before applying it: it decodes
 * the body into `[]jsonPatchOp` (400 `error decoding patch: …` with encoding/json's wording, the
 * wording of the default fieldValidation, Warn), then refuses more than 10000 operations (413).
 * `null` is an empty patch. Returns the operations; `null` elements stay (they apply as an unknown op).
 */
export function decodeJsonPatch(patch: unknown): (JsonObject | null)[] {
  if (patch === null) return [];
  if (!Array.isArray(patch)) throw badPatch(`json: cannot unmarshal ${jsonKindOf(patch as JsonValue)} into Go value of type []handlers.jsonPatchOp`);
  const operations = patch as JsonValue[];
  for (const operation of operations) {
    if (operation === null) continue;
    if (!isObject(operation)) {
      throw badPatch(`json: cannot unmarshal ${jsonKindOf(operation)} into Go value of type handlers.jsonPatchOp`);
    }
    for (const member of STRING_MEMBERS) {
      const value = operation[member];
      if (value !== undefined && value !== null && typeof value !== 'string') {
        throw badPatch(`json: cannot unmarshal ${jsonKindOf(value)} into Go struct field jsonPatchOp.${member} of type string`);
      }
    }
  }
  if (operations.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new PatchError(
      'RequestEntityTooLarge',
      `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${operations.length}`,
    );
  }
  return operations as (JsonObject | null)[];
}

function badPatch(message: string): PatchError {
  return new PatchError('BadRequest', `error decoding patch: ${message}`);
}
