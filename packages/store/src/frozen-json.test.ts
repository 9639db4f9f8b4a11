import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sameJson, toFrozenJson, toFrozenJsonSharing, toJsonCopy } from './frozen-json.js';

describe('toFrozenJson', () => {
  it('copies, freezes every level and matches JSON.stringify', () => {
    const source = { a: { b: [1, { c: 'x' }] }, d: undefined, e: () => 1, f: [undefined, NaN], g: new Date(0) };
    const copy = toFrozenJson(source) as Record<string, unknown>;
    expect(JSON.stringify(copy)).toBe(JSON.stringify(source));
    expect(copy).toEqual(JSON.parse(JSON.stringify(source)));
    expect(Object.isFrozen(copy)).toBe(true);
    expect(Object.isFrozen((copy.a as { b: unknown[] }).b[1])).toBe(true);
    expect(copy.a).not.toBe(source.a);
  });

  it('keeps an own __proto__ key as data', () => {
    const source: unknown = JSON.parse('{"__proto__":{"polluted":true},"x":1}');
    const copy = toFrozenJson(source) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(JSON.stringify(copy)).toBe('{"__proto__":{"polluted":true},"x":1}');
  });

  it('agrees with a JSON round trip on any JSON-ish value', () => {
    fc.assert(
      fc.property(fc.anything({ withDate: true, withNullPrototype: true, withSparseArray: true }), (value) => {
        const text = JSON.stringify(value);
        if (text === undefined) return;
        expect(JSON.stringify(toFrozenJson(value))).toBe(text);
      }),
    );
  });
});

describe('toJsonCopy', () => {
  it('copies with JSON semantics and leaves the copy mutable', () => {
    const frozen = toFrozenJson({ a: { b: [1, { c: 'x' }] } });
    const copy = toJsonCopy({ frozen, d: undefined, g: new Date(0) }) as { frozen: { a: { b: unknown[] } }; g: unknown };
    expect(copy).toEqual({ frozen: { a: { b: [1, { c: 'x' }] } }, g: '1970-01-01T00:00:00.000Z' });
    copy.frozen.a.b.push(2);
    expect(copy.frozen.a.b).toHaveLength(3);
    expect(Object.isFrozen(copy.frozen)).toBe(false);
  });
});

describe('sameJson', () => {
  it('ignores key order and what JSON drops', () => {
    const stored = toFrozenJson({ a: 1, b: [null, 2], c: '1970-01-01T00:00:00.000Z' });
    expect(sameJson({ c: new Date(0), b: [undefined, 2], a: 1, d: undefined }, stored)).toBe(true);
    expect(sameJson({ a: 1, b: [null, 2] }, stored)).toBe(false);
    expect(sameJson({ a: 1, b: [null, 3], c: '1970-01-01T00:00:00.000Z' }, stored)).toBe(false);
    expect(sameJson([1], toFrozenJson({ 0: 1 }))).toBe(false);
  });

  it('is equality of serialized values when keys come in the same order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(sameJson(a, toFrozenJson(b))).toBe(JSON.stringify(a) === JSON.stringify(b));
        expect(sameJson(b, a)).toBe(JSON.stringify(a) === JSON.stringify(b));
        expect(sameJson(a, toFrozenJson(a))).toBe(true);
      }),
    );
  });
});

describe('sameJson of two unstored values', () => {
  it('compares the JSON values: key order ignored, undefined as absent, arrays by position', () => {
    expect(sameJson({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1, gone: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson([], {})).toBe(false);
    expect(sameJson(null, {})).toBe(false);
  });

  it('reads an own "__proto__" key as data, never as the prototype of the other side', () => {
    expect(sameJson(JSON.parse('{"__proto__":{}}'), { x: 1 })).toBe(false);
    expect(sameJson(JSON.parse('{"__proto__":{}}'), JSON.parse('{"__proto__":{}}'))).toBe(true);
  });
});

describe('toFrozenJson and frozen subtrees', () => {
  it('shares a subtree that is frozen JSON all the way down, and copies one that is not', () => {
    const deep = Object.freeze({ a: Object.freeze([1, Object.freeze({ b: 'c' })]) });
    const shallow = Object.freeze({ a: { b: 'c' } });
    const withFunction = Object.freeze({ toJSON: () => 'x' });
    const copy = toFrozenJson({ deep, shallow, withFunction }) as Record<string, unknown>;
    expect(copy.deep).toBe(deep);
    expect(copy.shallow).not.toBe(shallow);
    expect(Object.isFrozen((copy.shallow as { a: object }).a)).toBe(true);
    expect(copy.withFunction).toBe('x');
  });
});

describe('toFrozenJsonSharing', () => {
  const isDeeplyFrozen = (value: unknown): boolean =>
    typeof value !== 'object' || value === null || (Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen));

  it('keeps the previous version’s nodes where nothing changed and copies the rest', () => {
    const previous = toFrozenJson({ metadata: { name: 'a', annotations: { n: '1' } }, spec: { containers: [{ name: 'web' }] } }) as {
      metadata: Record<string, unknown>;
      spec: unknown;
    };
    const next = { metadata: { name: 'a', annotations: { n: '2' } }, spec: { containers: [{ name: 'web' }] } };
    const shared = toFrozenJsonSharing(next, previous) as typeof previous;
    expect(shared).toEqual(next);
    expect(shared.spec).toBe(previous.spec);
    expect(shared.metadata).not.toBe(previous.metadata);
    expect(isDeeplyFrozen(shared)).toBe(true);
  });

  it('answers the previous version itself for an equal value, key order aside', () => {
    const previous = toFrozenJson({ a: 1, b: [1, { c: 2 }] });
    expect(toFrozenJsonSharing({ b: [1, { c: 2 }], a: 1, d: undefined }, previous)).toBe(previous);
  });

  it('is toFrozenJson, sharing exactly when equal, for any pair of values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.boolean(), (value, other, equal) => {
        const previous = toFrozenJson(equal ? value : other);
        const shared = toFrozenJsonSharing(value, previous);
        expect(JSON.stringify(shared)).toBe(JSON.stringify(toFrozenJson(value)));
        expect(shared === previous).toBe(sameJson(value, previous));
        expect(isDeeplyFrozen(shared)).toBe(true);
      }),
    );
  });
});
