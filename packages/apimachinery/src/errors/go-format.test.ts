import { describe, expect, it } from 'vitest';
import { compareGoStrings, goFormatFloat, goFormatNumber, goJsonMarshal, goQuote } from './go-format.js';

// Expected values are what Go's strconv.Quote, fmt %v and encoding/json.Marshal print.
describe('goQuote (strconv.Quote)', () => {
  it.each([
    ['x', '"x"'],
    ['Bad_Name', '"Bad_Name"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['tab\there', '"tab\\there"'],
    ['new\nline', '"new\\nline"'],
    ['\u0001', '"\\x01"'],
    ['\u007f', '"\\x7f"'],
    ['\u00a0', '"\\u00a0"'],
    ['héllo wörld', '"héllo wörld"'],
    ['日本', '"日本"'],
    ['😀', '"😀"'],
    ['\u{e0001}', '"\\U000e0001"'],
    ['', '""'],
  ])('%j → %s', (input, expected) => {
    expect(goQuote(input)).toBe(expected);
  });
});

describe('goFormatNumber (%v)', () => {
  it.each([
    [0, '0'],
    [-1, '-1'],
    [42, '42'],
    [1e6, '1000000'],
    [1.5, '1.5'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1234567.5, '1.2345675e+06'],
    [123456.5, '123456.5'],
  ])('%d → %s', (input, expected) => {
    expect(goFormatNumber(input)).toBe(expected);
  });

  it('prints non-finite floats as Go does', () => {
    expect(goFormatFloat(Number.POSITIVE_INFINITY)).toBe('+Inf');
    expect(goFormatFloat(Number.NaN)).toBe('NaN');
  });
});

describe('goJsonMarshal', () => {
  it('escapes HTML characters as encoding/json does', () => {
    expect(goJsonMarshal({ a: '<b>&' })).toBe('{"a":"\\u003cb\\u003e\\u0026"}');
    expect(goJsonMarshal(['x', 1])).toBe('["x",1]');
    expect(goJsonMarshal(null)).toBe('null');
    expect(goJsonMarshal(undefined)).toBe('null');
  });
});

describe('compareGoStrings', () => {
  it('orders by code point, as Go compares UTF-8 strings', () => {
    expect(['b', 'B', 'a', 'é', 'z', '😀', '\uffff'].sort(compareGoStrings)).toEqual(['B', 'a', 'b', 'z', 'é', '\uffff', '😀']);
  });
});
