import { describe, expect, it } from 'vitest';
import { StorageError, isStorageError, keyNotFound, preconditionFailed } from './errors.js';

describe('StorageError', () => {
  it('is recognized by code', () => {
    const error = keyNotFound('/a');
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toBeInstanceOf(Error);
    expect(isStorageError(error)).toBe(true);
    expect(isStorageError(error, 'KeyNotFound')).toBe(true);
    expect(isStorageError(error, 'KeyExists')).toBe(false);
    expect(isStorageError(new Error('key not found'))).toBe(false);
    expect(isStorageError(undefined)).toBe(false);
  });

  it('is recognized when thrown by another copy of the package (ESM and CJS builds side by side)', () => {
    const copy = Object.assign(new Error('key not found: /a'), { code: 'KeyNotFound', [Symbol.for('@kubekit/store:StorageError')]: true });
    expect(copy).toBeInstanceOf(StorageError);
    expect(isStorageError(copy, 'KeyNotFound')).toBe(true);
  });

  it('words precondition failures as the apiserver does', () => {
    expect(preconditionFailed('/a', 'UID', 'x', 'y').message).toBe('Precondition failed: UID in precondition: x, UID in object meta: y');
  });
});
