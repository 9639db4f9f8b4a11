import { describe, expect, it } from 'vitest';
import { goTypeOf, goValue } from './go-format.js';

describe("Go's %v", () => {
  it.each([
    [{ b: [1, 'x', null], a: { c: true } }, 'map[a:map[c:true] b:[1 x <nil>]]'],
    [1.5, '1.5'],
    [1e21, '1e+21'],
    [1234567.5, '1.2345675e+06'],
    [0.00001, '1e-05'],
    [-3, '-3'],
  ])('%j → %s', (value, printed) => {
    expect(goValue(value)).toBe(printed);
  });

  it('names the types ErrBadArgType prints', () => {
    expect([goTypeOf('a'), goTypeOf(1), goTypeOf(1.5), goTypeOf(null), goTypeOf([]), goTypeOf({})]).toEqual([
      'string',
      'int64',
      'float64',
      '%!s(<nil>)',
      '[]interface {}',
      'map[string]interface {}',
    ]);
  });
});
