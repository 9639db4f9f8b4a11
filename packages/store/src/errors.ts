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
  | 'InvalidContinue';

export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly code: StorageErrorCode,
    readonly key: string,
    message: string,
    /** For `Expired` and `TooLargeResourceVersion`: the revision the caller asked for, and the store's current one. */
    readonly details: { requested?: number; current?: number; oldest?: number } = {},
  ) {
    super(message);
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

/** A continue token whose snapshot is no longer kept. */
export const continueExpired = (key: string, requested: number, current: number, oldest: number) =>
  new StorageError(
    'Expired',
    key,
    'The provided continue parameter is too old to display a consistent list result. ' +
      'You can start a new list without the continue parameter.',
    { requested, current, oldest },
  );

export const tooLargeResourceVersion = (key: string, requested: number, current: number) =>
  new StorageError('TooLargeResourceVersion', key, `Too large resource version: ${requested}, current: ${current}`, {
    requested,
    current,
  });

export const invalidContinue = (key: string, reason: string) =>
  new StorageError('InvalidContinue', key, `continue key is not valid: ${reason}`);
