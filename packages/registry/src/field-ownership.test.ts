import { describe, expect, it } from 'vitest';
import { managerFromUserAgent } from './field-ownership.js';

describe('managerFromUserAgent', () => {
  it('takes the product before the first slash', () => {
    expect(managerFromUserAgent('kubectl-edit/v1.35.2 (linux/amd64) kubernetes/fdc9d74')).toBe('kubectl-edit');
    expect(managerFromUserAgent(undefined)).toBe('');
  });

  it('drops unprintable characters and stops before 128 bytes', () => {
    expect(managerFromUserAgent('a\u0000b\u0007c/1')).toBe('abc');
    expect(managerFromUserAgent('é'.repeat(70))).toBe('é'.repeat(64));
  });
});
