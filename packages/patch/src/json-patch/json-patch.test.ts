import { describe, expect, it } from 'vitest';
import { PatchError } from '../patch-error.js';
import { deepFreeze } from '../strategic/test-support.js';
import { applyJsonPatch } from './apply-json-patch.js';
import { JSON_PATCH_CASES } from './json-patch.cases.js';

function failure(run: () => unknown): PatchError {
  try {
    run();
  } catch (error) {
    if (error instanceof PatchError) return error;
    throw error;
  }
  throw new Error('the patch applied');
}

describe('applyJsonPatch', () => {
  it.each(JSON_PATCH_CASES.filter((c) => c.result).map((c) => [c.name, c] as const))('%s', (_, c) => {
    const document = deepFreeze(structuredClone(c.document));
    expect(applyJsonPatch(document, deepFreeze(structuredClone(c.patch)), { maxBytes: c.maxBytes })).toEqual(c.result);
    expect(document).toEqual(c.document);
  });

  // handlers/patch.go answers any failing operation with NewGenericServerResponse(422): reason
  // Invalid, a fixed message, and no trace of the library's error.
  it.each(JSON_PATCH_CASES.filter((c) => c.failure).map((c) => [c.name, c] as const))('422 for %s', (_, c) => {
    const error = failure(() => applyJsonPatch(deepFreeze(structuredClone(c.document)), c.patch, { maxBytes: c.maxBytes }));
    expect(error).toMatchObject({
      code: 'Invalid',
      message: 'the server rejected our request due to an error in our request',
      detail: c.failure,
    });
  });

  it('limits the bytes copies add to 3 MiB by default', () => {
    const big = 'x'.repeat(1024 * 1024 - 2); // 1 MiB with its quotes
    const copies = Array.from({ length: 3 }, () => ({ op: 'copy', from: '/a', path: '/b/-' }));
    expect(applyJsonPatch({ a: big, b: [] }, copies).b).toHaveLength(3);
    const error = failure(() => applyJsonPatch({ a: big, b: [] }, [...copies, copies[0]]));
    expect(error.detail).toBe(
      'Unable to complete the copy, the accumulated size increase of copy is 4194304, exceeding the limit 3145728',
    );
  });

  it('refuses more than 10000 operations with 413', () => {
    const operations = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/a', value: 1 }));
    expect(failure(() => applyJsonPatch({ a: 1 }, operations))).toMatchObject({
      code: 'RequestEntityTooLarge',
      message: 'The allowed maximum operations in a JSON patch is 10000, got 10001',
    });
    expect(applyJsonPatch({ a: 1 }, operations.slice(1))).toEqual({ a: 1 });
  });

  it.each([
    [{ op: 'add' }, 'json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp'],
    ['add', 'json: cannot unmarshal string into Go value of type []handlers.jsonPatchOp'],
    [['add'], 'json: cannot unmarshal string into Go value of type handlers.jsonPatchOp'],
    [[{ op: 1, path: '/a' }], 'json: cannot unmarshal number into Go struct field jsonPatchOp.op of type string'],
    [[{ op: 'add', path: ['a'] }], 'json: cannot unmarshal array into Go struct field jsonPatchOp.path of type string'],
  ])('400 for a body that is not a list of operations: %j', (patch, message) => {
    expect(failure(() => applyJsonPatch({}, patch))).toMatchObject({ code: 'BadRequest', message: `error decoding patch: ${message}` });
  });

  it('treats a null body as an empty patch', () => {
    expect(applyJsonPatch({ a: 1 }, null)).toEqual({ a: 1 });
  });
});
