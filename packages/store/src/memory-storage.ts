import { keyExists, keyNotFound } from './errors.js';
import { MemorySnapshot, type RestoreResult, restoreSnapshot } from './memory-snapshot.js';
import { checkPreconditions } from './preconditions.js';
import { toFrozenJson, toFrozenJsonSharing } from './frozen-json.js';
import type {
  DeleteOptions,
  ListOptions,
  ListResult,
  Storage,
  StoredItem,
  StoredObject,
  TryUpdate,
  UpdateOptions,
  Watch,
  WatchOptions,
} from './storage.js';
import { WatchCache, type WatchCacheOptions } from './watch-cache.js';

export type MemoryStorageOptions = WatchCacheOptions;

/**
 * The in-memory `Storage`: one revision counter for the whole store (as etcd's) and a watch cache
 * fed synchronously by every write, so every write is atomic and seen in order.
 */
export class MemoryStorage implements Storage {
  readonly #cache: WatchCache;

  constructor(options: MemoryStorageOptions = {}) {
    this.#cache = new WatchCache(options);
  }

  async currentResourceVersion(): Promise<number> {
    return this.#cache.revision;
  }

  async get<T extends StoredObject>(key: string): Promise<StoredItem<T>> {
    const version = this.#cache.current(key);
    if (version === undefined) throw keyNotFound(key);
    return version.item as StoredItem<T>;
  }

  async create<T extends StoredObject>(key: string, object: T): Promise<StoredItem<T>> {
    if (this.#cache.current(key) !== undefined) throw keyExists(key);
    return this.#write(key, toFrozenJson(object) as StoredObject) as StoredItem<T>;
  }

  async guaranteedUpdate<T extends StoredObject>(
    key: string,
    tryUpdate: TryUpdate<T>,
    options: UpdateOptions = {},
  ): Promise<StoredItem<T>> {
    for (;;) {
      const current = this.#cache.current(key);
      if (current === undefined) throw keyNotFound(key);
      const item = current.item as StoredItem<T>;
      checkPreconditions(key, options.preconditions, item.object);
      // A synchronous tryUpdate runs inside one turn, so it can never lose the race below.
      const result = tryUpdate(item);
      const next = isPromiseLike(result) ? await result : result;
      // Compare-and-swap: a write that landed while tryUpdate ran means starting again from it.
      if (this.#cache.current(key) !== current) continue;
      const frozen = freezeUpdate(next, item);
      if (frozen === item.object) return item;
      return this.#write(key, frozen) as StoredItem<T>;
    }
  }

  async delete<T extends StoredObject>(key: string, options: DeleteOptions<T> = {}): Promise<StoredItem<T>> {
    for (;;) {
      const current = this.#cache.current(key);
      if (current === undefined) throw keyNotFound(key);
      const object = current.item!.object as Readonly<T>;
      checkPreconditions(key, options.preconditions, object);
      const validation = options.validateDeletion?.(object);
      if (isPromiseLike(validation)) await validation;
      if (this.#cache.current(key) !== current) continue;
      return this.#write(key, undefined) as StoredItem<T>;
    }
  }

  async list<T extends StoredObject>(prefix: string, options: ListOptions<T> = {}): Promise<ListResult<T>> {
    return this.#cache.list(prefix, options);
  }

  async watch<T extends StoredObject>(prefix: string, options: WatchOptions<T> = {}): Promise<Watch<T>> {
    return this.#cache.watch(prefix, options);
  }

  /** Also lets tests exercise expiry without filling the history window. */
  async compact(resourceVersion?: number): Promise<void> {
    this.#cache.compact(resourceVersion);
  }

  /** The live state, to come back to with `restore()`: O(live keys), references to the immutable items. */
  snapshot(): MemorySnapshot {
    const items = new Map<string, StoredItem>();
    for (const item of this.#cache.currentItems('')) items.set(item.key, item);
    return new MemorySnapshot(this, items, this.#cache.revision);
  }

  /**
   * Returns to a snapshot of this store by ordinary writes at new revisions (see `restoreSnapshot`):
   * what changed since is deleted or written back, watchers see it as events, and resourceVersions
   * keep increasing. Continue tokens and the history stay valid.
   */
  async restore(snapshot: MemorySnapshot): Promise<RestoreResult> {
    return restoreSnapshot(
      {
        owner: this,
        revision: () => this.#cache.revision,
        current: (key) => this.#cache.current(key)?.item,
        keysWrittenSince: (revision) => this.#cache.keysWrittenSince(revision),
        liveItems: () => this.#cache.currentItems(''),
        write: (key, _type, object) => this.#write(key, object),
      },
      snapshot,
    );
  }

  async close(): Promise<void> {
    this.#cache.close();
  }

  /** One write (`object` deeply frozen, the store's own; undefined to delete) at the next revision. */
  #write(key: string, object: Readonly<StoredObject> | undefined): StoredItem {
    return this.#cache.write(key, this.#cache.revision + 1, object);
  }
}

/**
 * `next` deeply frozen, sharing every subtree equal to the current version's; the current object
 * itself when nothing changed (stamped with the stored revision, an unchanged object comes back
 * as the stored one: no write).
 */
export function freezeUpdate<T extends StoredObject>(next: T, current: StoredItem<T>): Readonly<StoredObject> {
  const stamped = { ...next, metadata: { ...next.metadata, resourceVersion: current.object.metadata?.resourceVersion } };
  return toFrozenJsonSharing(stamped, current.object) as StoredObject;
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function';
}
