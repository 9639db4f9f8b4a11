export type {
  DeleteOptions,
  GetOptions,
  ListOptions,
  ListResult,
  Preconditions,
  Predicate,
  Storage,
  StoredItem,
  StoredObject,
  TryUpdate,
  UpdateOptions,
  Watch,
  WatchBookmark,
  WatchEnd,
  WatchEvent,
  WatchEventType,
  WatchItem,
  WatchOptions,
} from './storage.js';
export {
  StorageError,
  continueExpired,
  invalidContinue,
  isStorageError,
  keyExists,
  keyNotFound,
  preconditionFailed,
  resourceVersionConflict,
  storageInitializing,
  storageInternal,
  storageTimeout,
  storageUnavailable,
  tooLargeResourceVersion,
  tooOldResourceVersion,
  type StorageErrorCode,
} from './errors.js';
export { checkPreconditions } from './preconditions.js';
export { decodeContinue, encodeContinue } from './continue-token.js';
export { MemoryStorage, type MemoryStorageOptions, freezeUpdate } from './memory-storage.js';
export { WatchCache, type WatchCacheOptions } from './watch-cache.js';
export { storedItem } from './stored-item.js';
export { MemorySnapshot, type RestoreResult } from './memory-snapshot.js';
export { sameJson, toFrozenJson, toFrozenJsonSharing, toJsonCopy } from './frozen-json.js';
