/**
 * Storage errors carry no HTTP meaning (k8s.io/apiserver storage.StorageError); the registry turns
 * them into API Status errors.
 */
export type StorageErrorCode =
  | 'KeyNotFound'
  | 'KeyExists'
  | 'ResourceVersionConflict'
  | 'PreconditionFailed'
  | 'Expired'
  | 'TooLargeResourceVersion'
  | 'InvalidContinue'
  // A backend that lives elsewhere (etcd) could not answer: unreachable, too slow, an error of its
  // own, or its cache reloading. The memory storage never fails these ways.
  | 'Unavailable'
  | 'Timeout'
  | 'Internal'
  | 'Initializing';

/** Marks StorageErrors, so they are recognized across copies of this package (its ESM and CJS builds). */
const BRAND = Symbol.for('@kubekit/store:StorageError');

export class StorageError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  override readonly name = 'StorageError';
  constructor(
    readonly code: StorageErrorCode,
    readonly key: string,
    message: string,
    /**
     * For `Expired` and `TooLargeResourceVersion`: the revision the caller asked for, the store's
     * current one and the oldest one still kept. For an expired continue token, `continue` may hold
     * a token for the rest of the list at the current revision (the server's "inconsistent
     * continue" offered in the 410 Status).
     */
    readonly details: { requested?: number; current?: number; oldest?: number; continue?: string } = {},
  ) {
    super(message);
    Object.defineProperty(this, BRAND, { value: true });
  }
}

export function isStorageError(error: unknown, code?: StorageErrorCode): error is StorageError {
  return error instanceof StorageError && (code === undefined || error.code === code);
}

export const keyNotFound = (key: string) => new StorageError('KeyNotFound', key, `key not found: ${key}`);
export const keyExists = (key: string) => new StorageError('KeyExists', key, `key exists: ${key}`);
export const resourceVersionConflict = (key: string) =>
  new StorageError('ResourceVersionConflict', key, `resource version conflict on ${key}`);

/** k8s.io/apiserver storage.Preconditions.Check: the message names both values, as the real server does. */
export const preconditionFailed = (key: string, field: 'UID' | 'ResourceVersion', wanted: string, actual: string) =>
  new StorageError(
    'PreconditionFailed',
    key,
    `Precondition failed: ${field} in precondition: ${wanted}, ${field} in object meta: ${actual}`,
  );

/** The watch cache's wording for a revision that fell out of the kept history ("too old resource version"). */
export const tooOldResourceVersion = (key: string, requested: number, current: number, oldest: number) =>
  new StorageError('Expired', key, `too old resource version: ${requested} (${oldest})`, { requested, current, oldest });

/** A continue token whose snapshot is no longer kept; `fresh` continues the same list at the current revision. */
export const continueExpired = (key: string, requested: number, current: number, oldest: number, fresh?: string) =>
  new StorageError(
    'Expired',
    key,
    'The provided continue parameter is too old to display a consistent list result. ' +
      'You can start a new list without the continue parameter.',
    fresh === undefined ? { requested, current, oldest } : { requested, current, oldest, continue: fresh },
  );

export const tooLargeResourceVersion = (key: string, requested: number, current: number) =>
  new StorageError('TooLargeResourceVersion', key, `Too large resource version: ${requested}, current: ${current}`, {
    requested,
    current,
  });

/** The backend cannot be reached (connection refused, no leader): `cause` says why, in the backend's words. */
export const storageUnavailable = (key: string, cause: string) => new StorageError('Unavailable', key, cause);

/** The backend did not answer within the request's deadline. */
export const storageTimeout = (key: string) => new StorageError('Timeout', key, 'context deadline exceeded');

/** An error the backend itself reported (`etcdserver: request timed out`), passed on in its words. */
export const storageInternal = (key: string, message: string) => new StorageError('Internal', key, message);

/** The backend's cache is being rebuilt (k8s.io/apiserver cacher: "storage is (re)initializing"). */
export const storageInitializing = (key: string) => new StorageError('Initializing', key, 'storage is (re)initializing');

/** The message is the reason alone; the API error wraps it as "continue key is not valid: <reason>". */
export const invalidContinue = (key: string, reason: string) => new StorageError('InvalidContinue', key, reason);
