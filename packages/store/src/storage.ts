/**
 * The storage contract every backend (memory, etcd) implements.
 *
 * Objects are plain JSON values with a `metadata` object. The store owns `metadata.resourceVersion`:
 * it writes the revision of each write into the object before it serializes it, once, and hands the
 * same bytes to every reader and watcher (DESIGN: serialize once).
 *
 * Keys are strings such as `/pods/default/web-1`; a list or watch covers every key that starts
 * with a prefix such as `/pods/default/` or `/pods/`. Keys sort by plain string order, which is
 * the order of list pages.
 */

/** A stored JSON object: anything with a `metadata` object. */
export interface StoredObject {
  metadata?: { resourceVersion?: string; uid?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** One version of one key, as a reader sees it. The object is frozen and must not be changed. */
export interface StoredItem<T extends StoredObject = StoredObject> {
  readonly key: string;
  /** The revision of the write that produced this version (etcd's mod_revision). */
  readonly resourceVersion: number;
  readonly object: Readonly<T>;
  /**
   * `JSON.stringify(object)` as UTF-8, encoded once per write and handed as it is to every
   * reader (a GET writes these bytes, a list copies them): never modify them.
   */
  readonly bytes: Uint8Array;
}

/** API Conventions: preconditions on delete and update; a mismatch is a conflict. */
export interface Preconditions {
  uid?: string;
  resourceVersion?: string;
}

/** Decides whether an object belongs in a list or watch (label and field selectors). */
export type Predicate<T extends StoredObject = StoredObject> = (object: Readonly<T>) => boolean;

/**
 * API Concepts, "Semantics for get and list": how `resourceVersion` and `resourceVersionMatch`
 * pick the state a list reads.
 * - `undefined`: the most recent state (a consistent read).
 * - `0`: any state (a backend with a cache serves its cache as it is, without asking its source).
 * - `{ match: 'NotOlderThan', resourceVersion }`: any state at least that new; the memory store serves the latest.
 * - `{ match: 'Exact', resourceVersion }`: the state at exactly that revision, or `Expired` if it is no longer kept.
 * - `resourceVersion` N > 0 without a match but with a `limit`: Exact (the legacy rule of that table).
 * A revision the store has not reached fails with `TooLargeResourceVersion`; a `continue` token
 * carries its own revision, so passing a `resourceVersion` with it fails with `InvalidContinue`.
 */
export interface ListOptions<T extends StoredObject = StoredObject> {
  resourceVersion?: number;
  resourceVersionMatch?: 'NotOlderThan' | 'Exact';
  /** Maximum number of items (after the predicate) in this page; 0 or undefined means all. */
  limit?: number;
  /** The opaque token from a previous page's `continue`. */
  continue?: string;
  predicate?: Predicate<T>;
}

export interface ListResult<T extends StoredObject = StoredObject> {
  items: StoredItem<T>[];
  /** The revision the whole list (every page of it) was read at. */
  resourceVersion: number;
  /** Set when more items remain: pass it back as `ListOptions.continue`. */
  continue?: string;
  /** How many items remain after this page, when the store knows it cheaply. */
  remainingItemCount?: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

/**
 * One change. The same event object is handed to every watcher, so an encoding cached on it
 * (see `encoded`) is computed once however many watchers there are.
 */
export interface WatchEvent<T extends StoredObject = StoredObject> {
  readonly type: WatchEventType;
  readonly key: string;
  readonly resourceVersion: number;
  /** For DELETED: the object as it was deleted, carrying the deletion's resourceVersion. */
  readonly object: Readonly<T>;
  /** `object` as UTF-8 JSON, as on `StoredItem`: never modify it. */
  readonly bytes: Uint8Array;
  /** For MODIFIED and DELETED: the version before this change (used to filter on selectors). */
  readonly previous?: Readonly<T>;
  /**
   * A per-event cache for encodings computed by readers (the server's watch line). Keyed by
   * encoding name. The store never reads it.
   */
  readonly encoded: Map<string, Uint8Array>;
}

/**
 * API Concepts, "Semantics for get": `resourceVersion` undefined reads the most recent version
 * (consistent), 0 any version a cache holds, N > 0 a version at least as new as N.
 */
export interface GetOptions {
  resourceVersion?: number;
}

/**
 * API Concepts, "Efficient detection of changes": where a watch starts.
 * - `resourceVersion` undefined or 0: synthetic ADDED events for every current object, then changes
 *   (from the most recent state when undefined, from any state a cache holds when 0).
 * - `resourceVersion` N > 0: every change after revision N (replayed from history), then live ones;
 *   `Expired` when N is older than the kept window, `TooLargeResourceVersion` when the store has
 *   not reached it.
 * - `sendInitialEvents: true`: synthetic ADDED events for the current state (at least as new as N),
 *   then a BOOKMARK at that state's revision with `initialEventsEnd: true`, then changes.
 * - `sendInitialEvents: false`: no synthetic events, even without a resourceVersion: changes after
 *   N, or after the current revision when N is undefined or 0.
 */
export interface WatchOptions<T extends StoredObject = StoredObject> {
  resourceVersion?: number;
  sendInitialEvents?: boolean;
  predicate?: Predicate<T>;
  /** Events a watcher may have queued and unread before it is closed as too slow. */
  maxQueue?: number;
}

export interface WatchBookmark {
  readonly type: 'BOOKMARK';
  readonly resourceVersion: number;
  /** The `k8s.io/initial-events-end` bookmark of a watch with sendInitialEvents. */
  readonly initialEventsEnd: boolean;
}

export type WatchItem<T extends StoredObject = StoredObject> = WatchEvent<T> | WatchBookmark;

/** Why a watch ended on the store's side. */
export type WatchEnd =
  | { reason: 'stopped' }
  | { reason: 'too-slow' }
  | { reason: 'error'; error: unknown };

/**
 * A live watch. Consume it with `for await`, or pull batches with `nextBatch()`. Breaking out of
 * the loop or calling `stop()` releases it. Meant for one consumer at a time.
 */
export interface Watch<T extends StoredObject = StoredObject> extends AsyncIterable<WatchItem<T>> {
  /**
   * Resolves with every item queued so far (at least one), or with `undefined` once the watch has
   * ended. Taking the whole queue at once lets a server write a batch and flush once. Initial
   * events (a whole state or a replay) may come in several bounded batches.
   */
  nextBatch(): Promise<WatchItem<T>[] | undefined>;
  stop(): void;
  /**
   * Queues a progress BOOKMARK (`initialEventsEnd: false`) at a revision up to which this watcher
   * has been given every change, so a client watching a quiet selector can resume from a recent
   * revision instead of an expired one (API Concepts, "Watch bookmarks"). Optional for backends.
   */
  requestBookmark?(): void;
  /** Set once the watch has ended. */
  readonly ended: WatchEnd | undefined;
}

export interface DeleteOptions<T extends StoredObject = StoredObject> {
  preconditions?: Preconditions;
  /** Called with the current object just before it is removed; throw to refuse. */
  validateDeletion?: (current: Readonly<T>) => void | Promise<void>;
}

export interface UpdateOptions {
  preconditions?: Preconditions;
}

/**
 * Builds the next version from the current one. Return the new object (it may be the same value
 * if nothing changed), or throw to abort. May be called more than once: on a conflict with a
 * concurrent write the store re-reads and calls it again with the fresh object.
 */
export type TryUpdate<T extends StoredObject = StoredObject> = (current: StoredItem<T>) => T | Promise<T>;

export interface Storage {
  /**
   * Set when other processes write to this storage too (several servers on one etcd): a registry
   * then follows its changes to keep what it holds beside storage (owner index, cluster IPs, the
   * resources of CRDs) current.
   */
  readonly shared?: boolean;
  /** The revision of the most recent write. */
  currentResourceVersion(): Promise<number>;
  get<T extends StoredObject>(key: string, options?: GetOptions): Promise<StoredItem<T>>;
  list<T extends StoredObject>(prefix: string, options?: ListOptions<T>): Promise<ListResult<T>>;
  /** Fails with `KeyExists` if the key is present. */
  create<T extends StoredObject>(key: string, object: T): Promise<StoredItem<T>>;
  /**
   * Read, transform, compare-and-swap, retried until the swap succeeds (k8s.io/apiserver's
   * GuaranteedUpdate). When `tryUpdate` returns an object equal to the current one (ignoring
   * `metadata.resourceVersion`), nothing is written and the current item is returned.
   * Fails with `KeyNotFound`, or `PreconditionFailed`.
   */
  guaranteedUpdate<T extends StoredObject>(
    key: string,
    tryUpdate: TryUpdate<T>,
    options?: UpdateOptions,
  ): Promise<StoredItem<T>>;
  /** Removes the key and returns the removed object stamped with the deletion's resourceVersion. */
  delete<T extends StoredObject>(key: string, options?: DeleteOptions<T>): Promise<StoredItem<T>>;
  watch<T extends StoredObject>(prefix: string, options?: WatchOptions<T>): Promise<Watch<T>>;
  /**
   * Forgets the history at and below `resourceVersion` (default: the current revision), as an etcd
   * compaction does: watches from, exact reads at, and continue tokens of those revisions then fail
   * with `Expired`. Current objects are untouched.
   */
  compact(resourceVersion?: number): Promise<void>;
  /**
   * Optional: fails when the backend cannot serve (kube-apiserver's `etcd` health check), with the
   * reason. `/livez` and `/readyz` report it.
   */
  checkHealth?(): Promise<void>;
  /** Releases timers and closes every watch. */
  close(): Promise<void>;
}
