import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { duplicateFields } from './duplicate-fields.js';

describe('duplicateFields', () => {
  it('finds nothing in ordinary JSON', () => {
    expect(duplicateFields('{"a":1,"b":{"a":2},"c":[{"a":1},{"a":2}]}')).toEqual([]);
  });

  it('names duplicates by their path, in document order', () => {
    expect(duplicateFields('{"spec":{"replicas":1,"replicas":2},"metadata":{"name":"a","name":"b"}}')).toEqual([
      'spec.replicas',
      'metadata.name',
    ]);
    expect(duplicateFields('{"spec":{"containers":[{"name":"a"},{"name":"b","image":"x","image":"y"}]}}')).toEqual([
      'spec.containers[1].image',
    ]);
  });

  it('reads keys with escapes and ignores look-alike strings in values', () => {
    expect(duplicateFields('{"a\\"b":1,"a\\"b":2,"v":"\\"v\\":1"}')).toEqual(['a"b']);
    expect(duplicateFields('[{"x":"{\\"x\\":1,\\"x\\":2}"}]')).toEqual([]);
  });

  it('finds nothing in any JSON.stringify output, and every key written twice at top level', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (value, key) => {
        expect(duplicateFields(JSON.stringify(value))).toEqual([]);
        const twice = `{${JSON.stringify(key)}:${JSON.stringify(value)},${JSON.stringify(key)}:1}`;
        expect(duplicateFields(twice)).toEqual([key]);
      }),
    );
  });
});
