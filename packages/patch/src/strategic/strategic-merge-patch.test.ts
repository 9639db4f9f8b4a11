import { describe, expect, it } from 'vitest';
import { PatchError } from '../patch-error.js';
import { applyStrategicMergePatch } from './apply-strategic-merge-patch.js';
import { KUBECTL_CASES } from './kubectl-patches.cases.js';
import { STRATEGIC_ERROR_CASES } from './strategic-merge-patch-errors.cases.js';
import { STRATEGIC_CASES, type StrategicCase } from './strategic-merge-patch.cases.js';
import { deepFreeze, schemaOf } from './test-support.js';

function apply(c: StrategicCase): unknown {
  return applyStrategicMergePatch(deepFreeze(structuredClone(c.original)), deepFreeze(structuredClone(c.patch)), schemaOf(c.kind ?? 'apps/v1/Deployment'));
}

function directiveKeys(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => directiveKeys(item, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => [
    ...(key.startsWith('$') ? [`${path}.${key}`] : []),
    ...directiveKeys(item, `${path}.${key}`),
  ]);
}

describe('applyStrategicMergePatch', () => {
  it.each([...STRATEGIC_CASES, ...KUBECTL_CASES].map((c) => [c.name, c] as const))('%s', (_, c) => {
    const result = apply(c);
    expect(result).toEqual(c.result);
    expect(directiveKeys(result)).toEqual([]);
  });

  it.each(STRATEGIC_ERROR_CASES.map((c) => [c.name, c] as const))('refuses %s', (_, c) => {
    const error = (() => {
      try {
        apply(c);
      } catch (caught) {
        return caught;
      }
      throw new Error('the patch applied');
    })();
    expect(error).toBeInstanceOf(PatchError);
    expect(error).toMatchObject({ code: c.error!.code, message: c.error!.message });
  });

  it('keeps the detail of a 422 out of its message', () => {
    const c = STRATEGIC_ERROR_CASES.find((x) => x.error?.code === 'Invalid')!;
    expect(() => apply(c)).toThrow(expect.objectContaining({ detail: 'lists of lists are not supported' }));
  });

  it('treats a null patch as no change and refuses a patch that is not an object', () => {
    const schema = schemaOf('/v1/Pod');
    expect(applyStrategicMergePatch({ metadata: { name: 'p' } }, null, schema)).toEqual({ metadata: { name: 'p' } });
    expect(() => applyStrategicMergePatch({}, [1], schema)).toThrow(
      expect.objectContaining({ code: 'BadRequest', message: 'json: cannot unmarshal array into Go value of type map[string]interface {}' }),
    );
  });

  it('returns a new object and leaves both inputs as they were', () => {
    const c = KUBECTL_CASES[0]!;
    const original = structuredClone(c.original);
    const patch = structuredClone(c.patch);
    const result = applyStrategicMergePatch(original, patch, schemaOf('apps/v1/Deployment'));
    expect(original).toEqual(c.original);
    expect(patch).toEqual(c.patch);
    expect(result).not.toBe(original);
  });
});
