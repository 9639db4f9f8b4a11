import { type JsonValue, cloneJson, isObject } from '../json.js';
import { unprocessable } from '../patch-error.js';
import { OperationFailure } from './containers.js';
import { decodeJsonPatch } from './decode.js';
import { type PatchState, applyOperation } from './operations.js';

/** The apiserver's default JSONPatchMaxCopyBytes: 3 MiB. */
export const DEFAULT_MAX_COPY_BYTES = 3 * 1024 * 1024;

export interface JsonPatchOptions {
  /**
   * Most bytes the patch's `copy` operations may add in total (the apiserver's
   * JSONPatchMaxCopyBytes, evanphx/json-patch's AccumulatedCopySizeLimit); default 3 MiB.
   */
  maxBytes?: number;
}

/**
 * Applies a JSON patch (RFC 6902, `application/json-patch+json`) as the apiserver does, with
 * evanphx/json-patch v4's semantics. `operations` is the parsed request body. Throws PatchError:
 * 400 for a body that does not decode as operations, 413 for more than 10000 operations, 422 (the
 * generic "the server rejected our request…" Status, the library's text in `detail`) for an
 * operation that fails, including `copy`s beyond `maxBytes`.
 */
export function applyJsonPatch<T>(document: T, operations: unknown, options: JsonPatchOptions = {}): T {
  const decoded = decodeJsonPatch(operations);
  const copy = cloneJson(document);
  if (!isObject(copy) && !Array.isArray(copy)) {
    throw new TypeError('applyJsonPatch: the document must be a JSON object or array');
  }
  const state: PatchState = { document: copy, copiedBytes: 0, maxCopiedBytes: options.maxBytes ?? DEFAULT_MAX_COPY_BYTES };
  for (const operation of decoded) {
    try {
      applyOperation(state, operation);
    } catch (error) {
      if (error instanceof OperationFailure) throw unprocessable(error.message);
      throw error;
    }
  }
  return state.document satisfies JsonValue as T;
}
