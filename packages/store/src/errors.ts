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
