import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { byteLength } from './messages.js';

describe('byteLength', () => {
  it('counts UTF-8 bytes as an encoder writes them, lone surrogates included', () => {
    expect(byteLength('abc')).toBe(3);
    expect(byteLength('é€😀')).toBe(2 + 3 + 4);
    expect(byteLength('\ud800x\udc00')).toBe(3 + 1 + 3);
    const encoder = new TextEncoder();
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (value) => byteLength(value) === encoder.encode(value).length));
  });
});
