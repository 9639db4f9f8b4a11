import { decodeContinue, encodeContinue } from './continue-token.js';
import {
  StorageError,
  continueExpired,
  keyExists,
  keyNotFound,
  tooLargeResourceVersion,
  tooOldResourceVersion,
} from './errors.js';
import { History } from './history.js';
import { Keyspace } from './keyspace.js';
import { MemorySnapshot, type RestoreResult, restoreSnapshot } from './memory-snapshot.js';
import { MemoryWatch, type WatchBacklog } from './memory-watch.js';
import { checkPreconditions } from './preconditions.js';
import { StoreEvent } from './store-event.js';
import { storedItem } from './stored-item.js';
import { toFrozenJson, toFrozenJsonSharing } from './frozen-json.js';
import type {
  DeleteOptions,
  ListOptions,
  ListResult,
  Predicate,
  Storage,
  StoredItem,
  StoredObject,
  TryUpdate,
  UpdateOptions,
  Watch,
  WatchOptions,
} from './storage.js';
import type { Version } from './version.js';

export interface MemoryStorageOptions {
  /** How many recent writes are kept for watches from a resourceVersion, continue tokens and exact reads. Default 10 000. */
  historyWindow?: number;
  /** The revision the store starts at; its first write gets the next one. Default 0. */
  initialResourceVersion?: number;
  /** Default `WatchOptions.maxQueue`. Default 1000. */
  maxWatchQueue?: number;
}

/**
 * The in-memory `Storage`: one revision counter for the whole store (as etcd's), a sorted keyspace
 * with per-key version chains for consistent snapshots, a window of recent writes for watches, and
 * synchronous fan-out to watchers, so every write is atomic and seen in order.
 */
export class MemoryStorage implements Storage {
  readonly #keys = new Keyspace();
  readonly #history: History;
  readonly #maxWatchQueue: number;
  /** Watchers grouped by prefix, so a write looks at each distinct prefix once. */
  readonly #watchers = new Map<string, Set<MemoryWatch>>();
  #revision: number;

  constructor(options: MemoryStorageOptions = {}) {
    const { historyWindow = 10_000, initialResourceVersion = 0, maxWatchQueue = 1000 } = options;
    requireInteger('historyWindow', historyWindow, 0);
    requireInteger('initialResourceVersion', initialResourceVersion, 0);
    requireInteger('maxWatchQueue', maxWatchQueue, 1);
    this.#revision = initialResourceVersion;
    this.#history = new History(historyWindow, initialResourceVersion);
    this.#maxWatchQueue = maxWatchQueue;
  }

  async currentResourceVersion(): Promise<number> {
    return this.#revision;
  }

  async get<T extends StoredObject>(key: string): Promise<StoredItem<T>> {
    const version = this.#keys.current(key);
    if (version === undefined) throw keyNotFound(key);
    return version.item as StoredItem<T>;
  }

  async create<T extends StoredObject>(key: string, object: T): Promise<StoredItem<T>> {
    const newest = this.#keys.newest(key);
    if (newest?.item !== undefined) throw keyExists(key);
    return this.#write(key, 'ADDED', toFrozenJson(object) as StoredObject, newest) as StoredItem<T>;
  }

  async guaranteedUpdate<T extends StoredObject>(
    key: string,
    tryUpdate: TryUpdate<T>,
    options: UpdateOptions = {},
  ): Promise<StoredItem<T>> {
    for (;;) {
      const current = this.#keys.current(key);
      if (current === undefined) throw keyNotFound(key);
      const item = current.item as StoredItem<T>;
      checkPreconditions(key, options.preconditions, item.object);
      // A synchronous tryUpdate runs inside one turn, so it can never lose the race below.
      const result = tryUpdate(item);
      const next = isPromiseLike(result) ? await result : result;
      // Compare-and-swap: a write that landed while tryUpdate ran means starting again from it.
      if (this.#keys.current(key) !== current) continue;
      // Stamped with the stored revision, an unchanged object comes back as the stored one: no write.
      const stamped = { ...next, metadata: { ...next.metadata, resourceVersion: item.object.metadata?.resourceVersion } };
      const frozen = toFrozenJsonSharing(stamped, item.object) as StoredObject;
      if (frozen === item.object) return item;
      return this.#write(key, 'MODIFIED', frozen, current) as StoredItem<T>;
    }
  }

  async delete<T extends StoredObject>(key: string, options: DeleteOptions<T> = {}): Promise<StoredItem<T>> {
    for (;;) {
      const current = this.#keys.current(key);
      if (current === undefined) throw keyNotFound(key);
      const object = current.item!.object as Readonly<T>;
      checkPreconditions(key, options.preconditions, object);
      const validation = options.validateDeletion?.(object);
      if (isPromiseLike(validation)) await validation;
      if (this.#keys.current(key) !== current) continue;
      return this.#write(key, 'DELETED', undefined, current) as StoredItem<T>;
    }
  }

  async list<T extends StoredObject>(prefix: string, options: ListOptions<T> = {}): Promise<ListResult<T>> {
    const { limit = 0, predicate } = options;
    const { revision, start } = this.#listPosition(prefix, options);
    const page = this.#keys.page(prefix, start, revision, revision === this.#revision, limit, predicate as Predicate);
    const result: ListResult<T> = { items: page.items as StoredItem<T>[], resourceVersion: revision };
    if (page.next !== undefined) {
      result.continue = encodeContinue(prefix, { resourceVersion: revision, key: page.next });
      if (page.remainingItemCount !== undefined) result.remainingItemCount = page.remainingItemCount;
    }
    return result;
  }

  async watch<T extends StoredObject>(prefix: string, options: WatchOptions<T> = {}): Promise<Watch<T>> {
    const { resourceVersion = 0, sendInitialEvents, maxQueue = this.#maxWatchQueue } = options;
    requireInteger('resourceVersion', resourceVersion, 0);
    requireInteger('maxQueue', maxQueue, 1);
    this.#requireNotAhead(prefix, resourceVersion);
    let backlog: WatchBacklog;
    if (sendInitialEvents === true) {
      backlog = { entries: this.#keys.currentItems(prefix), bookmark: this.#revision };
    } else if (resourceVersion > 0) {
      this.#requireKept(prefix, resourceVersion);
      backlog = { entries: this.#changesSince(prefix, resourceVersion) };
    } else {
      // API Concepts: no resourceVersion means "Get State and Start at Most Recent", unless the
      // caller explicitly asked for no initial events.
      backlog = { entries: sendInitialEvents === false ? [] : this.#keys.currentItems(prefix) };
    }
    const watch = new MemoryWatch<T>({
      prefix,
      predicate: options.predicate as Predicate | undefined,
      maxQueue,
      backlog,
      revision: () => this.#revision,
      onEnd: (ended) => this.#forgetWatcher(ended),
    });
    let group = this.#watchers.get(prefix);
    if (group === undefined) this.#watchers.set(prefix, (group = new Set()));
    group.add(watch as MemoryWatch);
    return watch;
  }

  /** Also lets tests exercise expiry without filling the history window. */
  async compact(resourceVersion: number = this.#revision): Promise<void> {
    requireInteger('resourceVersion', resourceVersion, 0);
    for (const version of this.#history.dropThrough(Math.min(resourceVersion, this.#revision))) this.#keys.forget(version);
  }

  /** The live state, to come back to with `restore()`: O(live keys), references to the immutable items. */
  snapshot(): MemorySnapshot {
    const items = new Map<string, StoredItem>();
    for (const item of this.#keys.currentItems('')) items.set(item.key, item);
    return new MemorySnapshot(this, items, this.#revision);
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
        revision: () => this.#revision,
        current: (key) => this.#keys.current(key)?.item,
        keysWrittenSince: (revision) => (revision < this.#history.floor ? undefined : this.#history.since(revision).map((version) => version.key)),
        liveItems: () => this.#keys.currentItems(''),
        write: (key, type, object) => this.#write(key, type, object, this.#keys.newest(key)),
      },
      snapshot,
    );
  }

  async close(): Promise<void> {
    for (const group of [...this.#watchers.values()]) for (const watch of [...group]) watch.stop();
  }

  /**
   * Applies one write of `object` (deeply frozen, the store's own; undefined for a deletion): the
   * next revision, one stored version, one event, fanned out at once.
   */
  #write(key: string, type: 'ADDED' | 'MODIFIED' | 'DELETED', object: Readonly<StoredObject> | undefined, before: Version | undefined): StoredItem {
    const revision = ++this.#revision;
    const previous = before?.item?.object;
    // A deletion's item is the last version stamped with its revision; the key then holds none.
    const item = storedItem(key, revision, object ?? previous!);
    const version: Version = { key, resourceVersion: revision, item: object && item, prev: before, event: undefined };
    const event = new StoreEvent(type, key, revision, item.object, item.bytes, previous);
    version.event = event;
    this.#keys.put(version);
    for (const dropped of this.#history.push(version)) this.#keys.forget(dropped);
    for (const [prefix, group] of this.#watchers) {
      if (key.startsWith(prefix)) for (const watch of group) watch.offer(event);
    }
    return item;
  }

  /** The revision a list reads (API Concepts, "Semantics for get and list") and the key it starts at. */
  #listPosition(prefix: string, options: Omit<ListOptions, 'predicate'>): { revision: number; start: string } {
    const { resourceVersion = 0, resourceVersionMatch, limit = 0 } = options;
    if (options.continue) {
      if (resourceVersion > 0) {
        throw new StorageError('InvalidContinue', prefix, 'specifying resource version is not allowed when using continue');
      }
      const position = decodeContinue(prefix, options.continue);
      if (position.resourceVersion < this.#history.floor) {
        const fresh = encodeContinue(prefix, { resourceVersion: this.#revision, key: position.key });
        throw continueExpired(prefix, position.resourceVersion, this.#revision, this.#history.floor, fresh);
      }
      this.#requireNotAhead(prefix, position.resourceVersion);
      return { revision: position.resourceVersion, start: position.key };
    }
    if (resourceVersion > 0) {
      this.#requireNotAhead(prefix, resourceVersion);
      // With a limit and no resourceVersionMatch, a resourceVersion means Exact (the legacy rule).
      if (resourceVersionMatch === 'Exact' || (resourceVersionMatch === undefined && limit > 0)) {
        this.#requireKept(prefix, resourceVersion);
        return { revision: resourceVersion, start: prefix };
      }
    }
    return { revision: this.#revision, start: prefix };
  }

  #changesSince(prefix: string, resourceVersion: number): StoreEvent[] {
    const events: StoreEvent[] = [];
    for (const version of this.#history.since(resourceVersion)) {
      if (version.key.startsWith(prefix)) events.push(version.event!);
    }
    return events;
  }

  #forgetWatcher(watch: MemoryWatch): void {
    const group = this.#watchers.get(watch.prefix);
    group?.delete(watch);
    if (group?.size === 0) this.#watchers.delete(watch.prefix);
  }

  #requireNotAhead(key: string, resourceVersion: number): void {
    if (resourceVersion > this.#revision) throw tooLargeResourceVersion(key, resourceVersion, this.#revision);
  }

  #requireKept(key: string, resourceVersion: number): void {
    if (resourceVersion < this.#history.floor) {
      throw tooOldResourceVersion(key, resourceVersion, this.#revision, this.#history.floor);
    }
  }
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function';
}

function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
}
