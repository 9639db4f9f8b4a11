import { decodeContinue, encodeContinue } from './continue-token.js';
import { StorageError, continueExpired, tooLargeResourceVersion, tooOldResourceVersion } from './errors.js';
import { History } from './history.js';
import { Keyspace } from './keyspace.js';
import { MemoryWatch, type WatchBacklog } from './memory-watch.js';
import { StoreEvent } from './store-event.js';
import { storedItem } from './stored-item.js';
import type { ListOptions, ListResult, Predicate, StoredItem, StoredObject, Watch, WatchOptions } from './storage.js';
import type { Version } from './version.js';

export interface WatchCacheOptions {
  /** How many recent writes are kept for watches from a resourceVersion, continue tokens and exact reads. Default 10 000. */
  historyWindow?: number;
  /** The revision the cache starts at. Default 0. */
  initialResourceVersion?: number;
  /** Default `WatchOptions.maxQueue`. Default 1000. */
  maxWatchQueue?: number;
}

/**
 * The versioned state of a key space, fed one write at a time in revision order: the current item
 * of every key, per-key version chains for consistent snapshots, a window of recent writes to
 * replay, and synchronous fan-out to watchers (k8s.io/apiserver's watch cache). The memory storage
 * is one of these fed by its own writes; the etcd storage keeps one fed by an etcd watch, so reads
 * and N watchers cost no etcd round trip and each event is encoded once.
 */
export class WatchCache {
  #keys = new Keyspace();
  #history: History;
  readonly #window: number;
  readonly #maxWatchQueue: number;
  /** Watchers grouped by prefix, so a write looks at each distinct prefix once. */
  readonly #watchers = new Map<string, Set<MemoryWatch>>();
  #revision: number;

  constructor(options: WatchCacheOptions = {}) {
    const { historyWindow = 10_000, initialResourceVersion = 0, maxWatchQueue = 1000 } = options;
    requireInteger('historyWindow', historyWindow, 0);
    requireInteger('initialResourceVersion', initialResourceVersion, 0);
    requireInteger('maxWatchQueue', maxWatchQueue, 1);
    this.#revision = initialResourceVersion;
    this.#window = historyWindow;
    this.#history = new History(historyWindow, initialResourceVersion);
    this.#maxWatchQueue = maxWatchQueue;
  }

  /** The revision up to which every write has been applied. */
  get revision(): number {
    return this.#revision;
  }

  /** The oldest revision a watch, exact list or continue token can still start from. */
  get floor(): number {
    return this.#history.floor;
  }

  /** The key's newest version if the key exists now: its identity changes with every write. */
  current(key: string): Version | undefined {
    return this.#keys.current(key);
  }

  /** Every current item under `prefix`, in key order. */
  currentItems(prefix: string): StoredItem[] {
    return this.#keys.currentItems(prefix);
  }

  /** The keys written after `revision`, or undefined when the history no longer reaches back to it. */
  keysWrittenSince(revision: number): string[] | undefined {
    return revision < this.#history.floor ? undefined : this.#history.since(revision).map((version) => version.key);
  }

  /**
   * Applies one write at `revision`, not below any applied one (etcd gives every key a transaction
   * writes the same revision): `object` (deeply frozen) as the key's
   * new value, or undefined to delete the key. It is ADDED or MODIFIED by whether the key exists.
   * `item`, when given, is the stored item the writer already built for exactly this write.
   */
  write(key: string, revision: number, object: Readonly<StoredObject> | undefined, item?: StoredItem): StoredItem {
    if (revision < this.#revision) throw new RangeError(`write at revision ${revision} is below the cache's ${this.#revision}`);
    const before = this.#keys.newest(key);
    const previous = before?.item?.object;
    if (object === undefined && previous === undefined) throw new RangeError(`cannot delete ${key}: it does not exist`);
    this.#revision = revision;
    // A deletion's item is the last version stamped with its revision; the key then holds none.
    const stored = item ?? storedItem(key, revision, object ?? previous!);
    const version: Version = { key, resourceVersion: revision, item: object && stored, prev: before, event: undefined };
    const type = object === undefined ? 'DELETED' : previous === undefined ? 'ADDED' : 'MODIFIED';
    const event = new StoreEvent(type, key, revision, stored.object, stored.bytes, previous);
    version.event = event;
    this.#keys.put(version);
    for (const dropped of this.#history.push(version)) this.#keys.forget(dropped);
    for (const [prefix, group] of this.#watchers) {
      if (key.startsWith(prefix)) for (const watch of group) watch.offer(event);
    }
    return stored;
  }

  /** Records that no write under this cache happened up to `revision` (etcd's watch progress). */
  advance(revision: number): void {
    if (revision > this.#revision) this.#revision = revision;
  }

  /**
   * Replaces the whole state with `items` as read at `revision` (a relist after the cache lost its
   * feed): the history starts again there and every watcher is ended, as the real watch cache
   * terminates its watchers when it reinitializes; they resume from their last revision.
   */
  reset(items: readonly StoredItem[], revision: number): void {
    this.close();
    this.#keys = new Keyspace();
    this.#history = new History(this.#window, revision);
    this.#revision = revision;
    for (const item of items) this.#keys.put({ key: item.key, resourceVersion: item.resourceVersion, item, prev: undefined, event: undefined });
  }

  list<T extends StoredObject>(prefix: string, options: ListOptions<T> = {}): ListResult<T> {
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

  watch<T extends StoredObject>(prefix: string, options: WatchOptions<T> = {}): Watch<T> {
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

  /** Forgets the history at and below `resourceVersion` (default: the current revision). */
  compact(resourceVersion: number = this.#revision): void {
    requireInteger('resourceVersion', resourceVersion, 0);
    for (const version of this.#history.dropThrough(Math.min(resourceVersion, this.#revision))) this.#keys.forget(version);
  }

  /** Ends every watch. */
  close(): void {
    for (const group of [...this.#watchers.values()]) for (const watch of [...group]) watch.stop();
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

function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
}
