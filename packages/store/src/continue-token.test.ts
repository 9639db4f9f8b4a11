import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeContinue, encodeContinue } from './continue-token.js';
import { isStorageError } from './errors.js';

describe('continue tokens', () => {
  it('round-trip any key under the prefix', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ unit: 'grapheme' }), fc.integer({ min: 1 }), (prefix, rest, rv) => {
        const token = encodeContinue(prefix, { resourceVersion: rv, key: prefix + rest });
        expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeContinue(prefix, token)).toEqual({ resourceVersion: rv, key: prefix + rest });
      }),
    );
  });

  it('stay inside the prefix they are used with', () => {
    const token = encodeContinue('/pods/a/', { resourceVersion: 3, key: '/pods/a/x' });
    expect(decodeContinue('/pods/b/', token).key).toBe('/pods/b/x');
  });

  it.each([
    ['garbage', 'not base64 at all!'],
    ['not JSON', btoa('hello')],
    ['wrong shape', btoa('{"rv":1}').replace(/=+$/, '')],
    ['zero revision', btoa('{"v":"meta.k8s.io/v1","rv":0,"start":"a"}').replace(/=+$/, '')],
  ])('reject %s with InvalidContinue', (_, token) => {
    let caught: unknown;
    try {
      decodeContinue('/p/', token);
    } catch (error) {
      caught = error;
    }
    expect(isStorageError(caught, 'InvalidContinue')).toBe(true);
  });
});
