import { describe, expect, it } from 'vitest';
import { LIST_EXPIRED_MSG, WATCH_EXPIRED_MSG, newContinueExpired, newTooLargeResourceVersion, newTooOldResourceVersion } from './expired-errors.js';

// k8s.io/apiserver/pkg/storage/cacher/watch_cache.go, storage/etcd3/errors.go, storage/errors.go (v0.35).
describe('expired and too-large resource versions', () => {
  it('words the watch cache 410', () => {
    expect(newTooOldResourceVersion(5, 9).status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'too old resource version: 5 (9)',
      reason: 'Expired',
      code: 410,
    });
    expect(newTooOldResourceVersion('5').message).toBe('too old resource version: 5');
  });

  it('words compacted lists and watches', () => {
    expect(LIST_EXPIRED_MSG).toBe('The resourceVersion for the provided list is too old.');
    expect(WATCH_EXPIRED_MSG).toBe('The resourceVersion for the provided watch is too old.');
  });

  it('offers a fresh continue token in metadata when it has one', () => {
    expect(newContinueExpired().status).toMatchObject({
      metadata: {},
      code: 410,
      reason: 'Expired',
      message:
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
    });
    const withToken = newContinueExpired('eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6LTF9');
    expect(withToken.status.metadata).toEqual({ continue: 'eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6LTF9' });
    expect(withToken.message).toMatch(/^The provided continue parameter is too old .* may show up in the list\.$/);
  });

  it('answers a future resourceVersion with 504 and the ResourceVersionTooLarge cause', () => {
    expect(newTooLargeResourceVersion(12, 10, 1).status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Timeout: Too large resource version: 12, current: 10',
      reason: 'Timeout',
      details: { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 },
      code: 504,
    });
  });
});
