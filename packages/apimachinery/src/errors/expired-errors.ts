import { newResourceExpired } from './request-errors.js';
import { StatusError } from './status-error.js';

/*
 * The errors a list or watch gets for a resourceVersion or continue token the store no longer
 * holds, or does not hold yet: k8s.io/apiserver/pkg/storage/cacher/watch_cache.go,
 * storage/etcd3/errors.go and storage/errors.go (v0.35).
 */

/** etcd3 interpretListError: a list at a compacted resourceVersion. */
export const LIST_EXPIRED_MSG = 'The resourceVersion for the provided list is too old.';

/** etcd3 interpretWatchError: a watch from a compacted resourceVersion. */
export const WATCH_EXPIRED_MSG = 'The resourceVersion for the provided watch is too old.';

const CONTINUE_EXPIRED_MSG =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.';

const INCONSISTENT_CONTINUE_MSG =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/**
 * The watch cache's 410 Expired: `too old resource version: 5 (10)`, where the second number is
 * the oldest revision still served minus one; without it, `too old resource version: 5`.
 */
export function newTooOldResourceVersion(requested: number | string, oldest?: number | string): StatusError {
  const suffix = oldest === undefined ? '' : ` (${oldest})`;
  return newResourceExpired(`too old resource version: ${requested}${suffix}`);
}

/**
 * 410 Expired for a continue token whose snapshot is gone. With a fresh token (a continuation at
 * the latest revision) the Status carries it in `metadata.continue`, and says the list may be
 * inconsistent; without one it only asks for a new list.
 */
export function newContinueExpired(continueToken?: string): StatusError {
  if (!continueToken) return newResourceExpired(CONTINUE_EXPIRED_MSG);
  return new StatusError({
    code: 410,
    reason: 'Expired',
    metadata: { continue: continueToken },
    message: INCONSISTENT_CONTINUE_MSG,
  });
}

/**
 * storage.NewTooLargeResourceVersionError: 504 Timeout
 * `Timeout: Too large resource version: 12, current: 10`, with the ResourceVersionTooLarge cause
 * clients look for.
 */
export function newTooLargeResourceVersion(requested: number | string, current: number | string, retryAfterSeconds: number): StatusError {
  return new StatusError({
    code: 504,
    reason: 'Timeout',
    details: {
      causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
      retryAfterSeconds,
    },
    message: `Timeout: Too large resource version: ${requested}, current: ${current}`,
  });
}
