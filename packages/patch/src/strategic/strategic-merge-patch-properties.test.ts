import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type JsonValue, isObject } from '../json.js';
import { applyMergePatch } from '../merge-patch.js';
import { PatchError } from '../patch-error.js';
import { applyStrategicMergePatch } from './apply-strategic-merge-patch.js';
import { deepFreeze, schemaOf } from './test-support.js';

const deployment = schemaOf('apps/v1/Deployment');

/** Keys of a Deployment (so the facts drive the merge), directives, and a few scalars. */
const KEYS = ['metadata', 'spec', 'template', 'containers', 'env', 'ports', 'finalizers', 'volumes', 'strategy', 'name', 'image', 'containerPort', 'value'];
const DIRECTIVE_KEYS = ['$patch', '$retainKeys', '$setElementOrder/containers', '$setElementOrder/env', '$deleteFromPrimitiveList/finalizers'];
const scalar = fc.oneof(fc.constantFrom('a', 'b', 'delete', 'replace', 'merge', 80, null), fc.string({ maxLength: 2 }));

function tree(keys: string[]): fc.Arbitrary<JsonValue> {
  const { node } = fc.letrec<{ node: JsonValue }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(tie('node'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom(...keys), tie('node'), { maxKeys: 4 }),
    ),
  }));
  return node;
}

const objectOf = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys), tree(keys), { maxKeys: 4 });

function hasNullInArray(value: JsonValue, inArray = false): boolean {
  if (value === null) return inArray;
  if (Array.isArray(value)) return value.some((item) => hasNullInArray(item, true));
  if (isObject(value)) return Object.values(value).some((item) => hasNullInArray(item, inArray));
  return false;
}

describe('applyStrategicMergePatch properties', () => {
  it('never changes its inputs, and fails only with PatchError', () => {
    fc.assert(
      fc.property(objectOf(KEYS), objectOf([...KEYS, ...DIRECTIVE_KEYS]), (original, patch) => {
        const frozenOriginal = deepFreeze(structuredClone(original));
        const frozenPatch = deepFreeze(structuredClone(patch));
        try {
          applyStrategicMergePatch(frozenOriginal, frozenPatch, deployment);
        } catch (error) {
          expect(error).toBeInstanceOf(PatchError);
        }
        expect(frozenOriginal).toEqual(original);
        expect(frozenPatch).toEqual(patch);
      }),
      { numRuns: 1000 },
    );
  });

  it('merges fields unknown to the facts as a merge patch does (maps merge, lists are replaced)', () => {
    const unknown = ['x', 'y', 'z'];
    fc.assert(
      fc.property(objectOf(unknown), objectOf(unknown).filter((patch) => !hasNullInArray(patch)), (original, patch) => {
        expect(applyStrategicMergePatch(original, patch, deployment)).toEqual(applyMergePatch(original, patch));
      }),
      { numRuns: 500 },
    );
  });
});
