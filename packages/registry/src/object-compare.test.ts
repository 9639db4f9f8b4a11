import { describe, expect, it } from 'vitest';
import { specChanged } from './object-compare.js';

describe('specChanged', () => {
  it('looks past metadata, status and type meta', () => {
    const old = { apiVersion: 'v1', kind: 'X', metadata: { name: 'a' }, spec: { n: 1 }, status: { s: 1 } };
    expect(specChanged(old, { ...old, metadata: { name: 'a', labels: { x: 'y' } }, status: { s: 2 } })).toBe(false);
    expect(specChanged(old, { ...old, spec: { n: 2 } })).toBe(true);
    expect(specChanged({ ...old, spec: JSON.parse('{"__proto__":{}}') }, { ...old, spec: { x: 1 } })).toBe(true);
  });
});
