import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SortedKeys, prefixEnd } from './sorted-keys.js';

describe('SortedKeys', () => {
  it('behaves like a sorted set under random adds and deletes', () => {
    const key = fc.string({ unit: fc.constantFrom('a', 'b', '/', '-', 'z'), maxLength: 4 });
    const op = fc.tuple(fc.boolean(), key);
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3000 }), key, key, (ops, low, high) => {
        const keys = new SortedKeys();
        const model = new Set<string>();
        for (const [add, k] of ops) {
          expect(add ? keys.add(k) : keys.delete(k)).toBe(add ? !model.has(k) : model.has(k));
          if (add) model.add(k);
          else model.delete(k);
        }
        const sorted = [...model].sort();
        expect(keys.size).toBe(sorted.length);
        expect([...keys.from('')]).toEqual(sorted);
        expect([...keys.from(low)]).toEqual(sorted.filter((k) => k >= low));
        expect(keys.countRange(low, high)).toBe(sorted.filter((k) => k >= low && k < high).length);
        expect(keys.countRange(low)).toBe(sorted.filter((k) => k >= low).length);
        for (const k of [low, high]) expect(keys.has(k)).toBe(model.has(k));
      }),
      { numRuns: 60 },
    );
  });

  it('splits and merges chunks across thousands of keys', () => {
    const keys = new SortedKeys();
    const all = Array.from({ length: 5000 }, (_, i) => `/k/${String(i).padStart(5, '0')}`);
    for (const k of [...all].reverse()) keys.add(k);
    expect([...keys.from('/k/04990')]).toEqual(all.slice(4990));
    for (const k of all.filter((_, i) => i % 7 !== 0)) keys.delete(k);
    expect([...keys.from('')]).toEqual(all.filter((_, i) => i % 7 === 0));
  });
});

describe('prefixEnd', () => {
  it('bounds exactly the strings that start with the prefix', () => {
    expect(prefixEnd('/pods/')).toBe('/pods0');
    expect(prefixEnd('a\uffff')).toBe('b');
    expect(prefixEnd('\uffff')).toBeUndefined();
    expect(prefixEnd('')).toBeUndefined();
  });
});
