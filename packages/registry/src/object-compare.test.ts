import { describe, expect, it } from 'vitest';
import { deepEqual, specChanged } from './object-compare.js';

describe('deepEqual', () => {
  it('compares the JSON values: key order ignored, undefined as absent, arrays by position', () => {
    expect(deepEqual({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(deepEqual({ a: 1, gone: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual([], {})).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
  });

  it('reads an own "__proto__" key as data, never as the prototype of the other side', () => {
    expect(deepEqual(JSON.parse('{"__proto__":{}}'), { x: 1 })).toBe(false);
    expect(deepEqual(JSON.parse('{"__proto__":{}}'), JSON.parse('{"__proto__":{}}'))).toBe(true);
  });
});

describe('specChanged', () => {
  it('looks past metadata, status and type meta', () => {
    const old = { apiVersion: 'v1', kind: 'X', metadata: { name: 'a' }, spec: { n: 1 }, status: { s: 1 } };
    expect(specChanged(old, { ...old, metadata: { name: 'a', labels: { x: 'y' } }, status: { s: 2 } })).toBe(false);
    expect(specChanged(old, { ...old, spec: { n: 2 } })).toBe(true);
    expect(specChanged({ ...old, spec: JSON.parse('{"__proto__":{}}') }, { ...old, spec: { x: 1 } })).toBe(true);
  });
});
