import { CompareResult, CompareTarget, type Etcd3, type ICompare, type IRequestOp, type ITxnResponse } from 'etcd3';
import {
  type DeleteOptions,
  type GetOptions,
  type ListOptions,
  type ListResult,
  type Preconditions,
  type Storage,
  type StoredItem,
  type StoredObject,
  type TryUpdate,
  type UpdateOptions,
  type Watch,
  type WatchOptions,
  checkPreconditions,
  continueExpired,
  decodeContinue,
  encodeContinue,
  freezeUpdate,
  keyExists,
  keyNotFound,
  storedItem,
  toFrozenJson,
  tooLargeResourceVersion,
  tooOldResourceVersion,
} from '@kubekit/store';
import { CacheFeed } from './cache-feed.js';
import { type EtcdConnectionOptions, connectEtcd } from './connect.js';
import { etcdStorageError } from './etcd-errors.js';
import { EtcdKeys, encodeValue, itemOf, withoutResourceVersion } from './etcd-keys.js';

/** A list at an exact revision (API Concepts): `resourceVersionMatch=Exact`, or a resourceVersion with a limit and no match. */
function isExact(options: Pick<ListOptions, 'resourceVersionMatch' | 'limit'>): boolean {
  return options.resourceVersionMatch === 'Exact' || (options.resourceVersionMatch === undefined && (options.limit ?? 0) > 0);
}

/** What a compare-and-swap found instead of the version it expected: the key's current version, if any. */
class Stale {
  constructor(readonly fresh: StoredItem | undefined) {}
}

export interface EtcdStorageOptions {
  /** An etcd3 client to use (the caller closes it), or where to connect (the storage closes that client). */
  etcd: Etcd3 | EtcdConnectionOptions;
  /** The key prefix of every object (kube-apiserver's `--etcd-prefix`). Default `/registry`. */
  prefix?: string;
  /** Deadline of each etcd call, and of a read's wait for the watch cache, in milliseconds. Default 10 000. */
  requestTimeout?: number;
  /** How many recent writes the watch cache keeps for watches from a resourceVersion. Default 10 000. */
  historyWindow?: number;
  /** Events a watcher may have queued and unread before it is closed as too slow. Default 1000. */
  maxWatchQueue?: number;
  /**
   * Every this many milliseconds, compact etcd's history up to the revision of the previous round,
   * as kube-apiserver's `--etcd-compaction-interval` (default 5 minutes; 0 never compacts).
   */
  compactionInterval?: number;
}

/**
 * A `Storage` on etcd v3, laid out as kube-apiserver lays it out: each object at
 * `<prefix><key>` as JSON without its resourceVersion, which is the key's mod revision.
 *
 * - Writes go to etcd as transactions: a create compares the key's create revision with 0; an
 *   update or delete compares its mod revision with the version it was computed from and, on a
 *   conflict, starts again from the value the transaction read back (GuaranteedUpdate).
 * - Reads and watches are served by a watch cache that one etcd watch keeps current. A read
 *   without a resourceVersion is consistent: it asks etcd for its current revision (one small
 *   request) and waits until the cache has reached it, so a write acknowledged by any server is
 *   seen. `resourceVersion=0` reads the cache as it is.
 *
 * Errors from etcd become StorageErrors (`Unavailable`, `Timeout`, `Internal`), so a request fails
 * with a Status instead of hanging, and the next request after etcd is back succeeds.
 */
export class EtcdStorage implements Storage {
  /** Other kubekit servers may write to the same etcd prefix. */
  readonly shared = true;
  readonly #client: Etcd3;
  readonly #ownsClient: boolean;
  readonly #keys: EtcdKeys;
  readonly #feed: CacheFeed;
  readonly #requestTimeout: number;
  #compactor: NodeJS.Timeout | undefined;
  #closed = false;
  /** A revision request that has not been sent yet: every read that arrives before it is sent shares it. */
  #nextRevision: Promise<number> | undefined;
  #revisionInFlight: Promise<unknown> | undefined;

  private constructor(options: EtcdStorageOptions) {
    const { etcd, prefix = '/registry', requestTimeout = 10_000 } = options;
    this.#ownsClient = !('kv' in etcd);
    this.#client = 'kv' in etcd ? etcd : connectEtcd(etcd);
    this.#keys = new EtcdKeys(prefix);
    this.#requestTimeout = requestTimeout;
    this.#feed = new CacheFeed({
      client: this.#client,
      keys: this.#keys,
      requestTimeout,
      ...(options.historyWindow !== undefined && { historyWindow: options.historyWindow }),
      ...(options.maxWatchQueue !== undefined && { maxWatchQueue: options.maxWatchQueue }),
    });
  }

  /** Connects, loads the watch cache from etcd and starts following it; fails when etcd cannot be read. */
  static async open(options: EtcdStorageOptions): Promise<EtcdStorage> {
    const storage = new EtcdStorage(options);
    try {
      await storage.#feed.start();
    } catch (error) {
      await storage.close();
      throw error;
    }
    storage.#startCompactor(options.compactionInterval ?? 5 * 60_000);
    return storage;
  }

  async currentResourceVersion(): Promise<number> {
    return this.#consistentRevision('');
  }

  async get<T extends StoredObject>(key: string, options: GetOptions = {}): Promise<StoredItem<T>> {
    await this.#readable(key, options.resourceVersion);
    const version = this.#feed.cache.current(key);
    if (version === undefined) throw keyNotFound(key);
    return version.item as StoredItem<T>;
  }

  async list<T extends StoredObject>(prefix: string, options: ListOptions<T> = {}): Promise<ListResult<T>> {
    const position = options.continue ? decodeContinue(prefix, options.continue) : undefined;
    const revision = position ? position.resourceVersion : options.resourceVersion;
    // An exact read older than what the cache holds (a page of a list another server or an
    // earlier run of this one began, a revision past the history window) is read from etcd at
    // that revision, as kube-apiserver reads it, until etcd compacts it away.
    if (revision !== undefined && revision > 0 && revision < this.#feed.cache.floor && (position || isExact(options))) {
      return this.#listAt<T>(prefix, revision, position?.key ?? prefix, options);
    }
    await this.#readable(prefix, revision);
    return this.#feed.cache.list(prefix, options);
  }

  async watch<T extends StoredObject>(prefix: string, options: WatchOptions<T> = {}): Promise<Watch<T>> {
    await this.#readable(prefix, options.resourceVersion);
    return this.#feed.cache.watch(prefix, options);
  }

  async create<T extends StoredObject>(key: string, object: T): Promise<StoredItem<T>> {
    const frozen = withoutResourceVersion(toFrozenJson(object) as StoredObject);
    const etcdKey = this.#keys.etcdKey(key);
    const written = await this.#put(key, frozen, (value) =>
      this.#txn(key, [{ key: etcdKey, target: CompareTarget.Create, result: CompareResult.Equal, create_revision: '0' }], [{ request_put: { key: etcdKey, value } }], []),
    );
    if (!written.succeeded) throw keyExists(key);
    return written.item as StoredItem<T>;
  }

  async guaranteedUpdate<T extends StoredObject>(key: string, tryUpdate: TryUpdate<T>, options: UpdateOptions = {}): Promise<StoredItem<T>> {
    return this.#swap<T>(key, options.preconditions, async (current, fromCache) => {
      const updated = freezeUpdate(await tryUpdate(current), current);
      if (updated === current.object) {
        // No change: answer with the stored version, once it is known to be the current one.
        if (!fromCache) return current;
        const fresh = await this.#read(key);
        return fresh?.resourceVersion === current.resourceVersion ? current : new Stale(fresh);
      }
      const etcdKey = this.#keys.etcdKey(key);
      const modRevision = String(current.resourceVersion);
      const written = await this.#put(key, withoutResourceVersion(updated), (value) =>
        this.#txn(key, [{ key: etcdKey, target: CompareTarget.Mod, result: CompareResult.Equal, mod_revision: modRevision }], [{ request_put: { key: etcdKey, value } }], [{ request_range: { key: etcdKey } }]),
      );
      return written.succeeded ? (written.item as StoredItem<T>) : new Stale(this.#readBack(key, written.responses, current));
    });
  }

  async delete<T extends StoredObject>(key: string, options: DeleteOptions<T> = {}): Promise<StoredItem<T>> {
    return this.#swap<T>(key, options.preconditions, async (current) => {
      await options.validateDeletion?.(current.object);
      const etcdKey = this.#keys.etcdKey(key);
      const response = await this.#txn(
        key,
        [{ key: etcdKey, target: CompareTarget.Mod, result: CompareResult.Equal, mod_revision: String(current.resourceVersion) }],
        [{ request_delete_range: { key: etcdKey } }],
        [{ request_range: { key: etcdKey } }],
      );
      if (!response.succeeded) return new Stale(this.#readBack(key, response.responses, current));
      return (await this.#applied(key, Number(response.header.revision), withoutResourceVersion(current.object))) as StoredItem<T>;
    });
  }

  /**
   * The compare-and-swap loop of an update or a delete (GuaranteedUpdate): it starts from the
   * cache's copy, checks the preconditions on it (reading etcd before failing them on a copy that
   * may be stale), and runs `attempt` until it answers; `attempt` answers `Stale` with the version
   * its transaction found instead.
   */
  async #swap<T extends StoredObject>(
    key: string,
    preconditions: Preconditions | undefined,
    attempt: (current: StoredItem<T>, fromCache: boolean) => Promise<StoredItem<T> | Stale>,
  ): Promise<StoredItem<T>> {
    let current = this.#feed.cache.current(key)?.item ?? (await this.#read(key));
    let fromCache = true;
    for (;;) {
      if (current === undefined) throw keyNotFound(key);
      try {
        checkPreconditions(key, preconditions, current.object);
      } catch (error) {
        if (!fromCache) throw error;
        [current, fromCache] = [await this.#read(key), false];
        continue;
      }
      const result = await attempt(current as StoredItem<T>, fromCache);
      if (!(result instanceof Stale)) return result;
      [current, fromCache] = [result.fresh, false];
    }
  }

  /**
   * Compacts etcd's history up to `resourceVersion` (default: etcd's current revision) and
   * drops the same revisions from the watch cache, so watches and exact reads from them get 410.
   */
  async compact(resourceVersion?: number): Promise<void> {
    const current = await this.#consistentRevision('');
    const revision = Math.min(resourceVersion ?? current, current);
    await this.#feed.waitFor(revision, '');
    await this.#compactEtcd(revision);
    this.#feed.cache.compact(revision);
  }

  /** kube-apiserver's etcd health check: a read of one key within the deadline. */
  async checkHealth(): Promise<void> {
    await this.#client.kv
      .range({ key: this.#keys.etcdKey('/health'), count_only: true }, { deadline: new Date(Date.now() + Math.min(this.#requestTimeout, 2_000)) })
      .catch((error: unknown) => Promise.reject(etcdStorageError(error, '/health')));
    const lagging = this.#feed.lastError;
    if (lagging) throw lagging;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#compactor);
    this.#feed.stop();
    if (this.#ownsClient) this.#client.close();
  }

  /**
   * A page of `prefix` as it was at `revision`, from `start`, read from etcd in batches (the
   * predicate may skip many). The continue token is the cache's own, so the next page may be
   * served by either. A revision etcd compacted away is 410 Expired.
   */
  async #listAt<T extends StoredObject>(prefix: string, revision: number, start: string, options: ListOptions<T>): Promise<ListResult<T>> {
    const { limit = 0, predicate } = options;
    const end = this.#keys.range(prefix).range_end;
    const items: StoredItem<T>[] = [];
    let from = this.#keys.etcdKey(start);
    for (;;) {
      const batch = limit > 0 ? Math.max(limit - items.length + 1, 64) : 0;
      let response;
      try {
        response = await this.#client.kv.range(
          { key: from, range_end: end, revision: String(revision), ...(batch > 0 && { limit: String(batch) }) },
          { deadline: this.#deadline() },
        );
      } catch (error) {
        if (!(error instanceof Error && error.message.includes('compacted'))) throw etcdStorageError(error, prefix);
        if (!options.continue) throw tooOldResourceVersion(prefix, revision, this.#feed.cache.revision, this.#feed.cache.floor);
        throw continueExpired(prefix, revision, this.#feed.cache.revision, this.#feed.cache.floor, encodeContinue(prefix, { resourceVersion: this.#feed.cache.revision, key: start }));
      }
      for (const [index, kv] of response.kvs.entries()) {
        const key = this.#keys.storageKey(kv.key);
        if (key === undefined) continue;
        const item = itemOf(key, kv, undefined) as StoredItem<T>;
        if (predicate && !predicate(item.object)) continue;
        if (limit > 0 && items.length === limit) {
          // etcd's count is of every key from the batch's first on: what this page leaves is the rest.
          const result: ListResult<T> = { items, resourceVersion: revision, continue: encodeContinue(prefix, { resourceVersion: revision, key }) };
          if (!predicate) result.remainingItemCount = Number(response.count) - index;
          return result;
        }
        items.push(item);
      }
      const last = response.kvs.at(-1);
      if (!response.more || !last) return { items, resourceVersion: revision };
      from = Buffer.concat([last.key, Buffer.from([0])]);
    }
  }

  /**
   * Makes sure the cache can answer a read at `resourceVersion` (API Concepts, "Semantics for get
   * and list"): undefined waits for etcd's current revision (a consistent read), 0 takes the cache
   * as it is, N waits for N when etcd has reached it and fails with TooLargeResourceVersion when not.
   */
  async #readable(key: string, resourceVersion: number | undefined): Promise<void> {
    if (resourceVersion === 0) return;
    if (resourceVersion !== undefined && resourceVersion <= this.#feed.cache.revision) return;
    const current = await this.#consistentRevision(key);
    if (resourceVersion !== undefined && resourceVersion > current) throw tooLargeResourceVersion(key, resourceVersion, current);
    await this.#feed.waitFor(resourceVersion ?? current, key);
  }

  /**
   * etcd's current revision, read linearizably. Reads that arrive while a request is on its way
   * share the next one (not that one: it may have been answered before they arrived).
   */
  #consistentRevision(key: string): Promise<number> {
    if (this.#nextRevision) return this.#nextRevision;
    const send = async (): Promise<number> => {
      this.#nextRevision = undefined;
      const request = this.#client.kv.range({ key: this.#keys.etcdKey(''), count_only: true }, { deadline: this.#deadline() });
      this.#revisionInFlight = request;
      try {
        return Number((await request).header.revision);
      } catch (error) {
        throw etcdStorageError(error, key);
      } finally {
        if (this.#revisionInFlight === request) this.#revisionInFlight = undefined;
      }
    };
    if (this.#revisionInFlight === undefined) return send();
    const next = this.#revisionInFlight.then(send, send);
    this.#nextRevision = next;
    return next;
  }

  /** The key's current value, read from etcd itself. */
  async #read(key: string): Promise<StoredItem | undefined> {
    const response = await this.#client.kv
      .range({ key: this.#keys.etcdKey(key) }, { deadline: this.#deadline() })
      .catch((error: unknown) => Promise.reject(etcdStorageError(error, key)));
    const kv = response.kvs[0];
    return kv && itemOf(key, kv, this.#feed.cache.current(key)?.item?.object);
  }

  /** The value a failed transaction read back (its `else` branch), as the new starting point. */
  #readBack(key: string, responses: { response_range?: { kvs: { mod_revision: string; value: Buffer }[] } }[], previous: StoredItem): StoredItem | undefined {
    const kv = responses[0]?.response_range?.kvs[0];
    return kv && itemOf(key, kv, previous.object);
  }

  async #txn(key: string, compare: ICompare[], success: IRequestOp[], failure: IRequestOp[]) {
    try {
      return await this.#client.kv.txn({ compare, success, failure }, { deadline: this.#deadline() });
    } catch (error) {
      throw etcdStorageError(error, key);
    }
  }

  /**
   * Puts `object` (frozen, without a resourceVersion) through `transaction`, telling the cache to
   * expect its value so the watch event that brings it back reuses the object.
   */
  async #put(key: string, object: Readonly<StoredObject>, transaction: (value: Buffer) => Promise<ITxnResponse>) {
    const value = encodeValue(object);
    const expected = this.#feed.expect(key, value, object);
    try {
      const response = await transaction(value);
      if (!response.succeeded) return { succeeded: false as const, responses: response.responses };
      return { succeeded: true as const, item: await this.#applied(key, Number(response.header.revision), object) };
    } finally {
      // Taken by the watch event already, unless the put failed or the cache reloaded instead.
      this.#feed.settle(key, expected);
    }
  }

  /**
   * The item of a write at `revision`, once the cache has applied it: every read through this
   * server, `resourceVersion=0` included, then sees an acknowledged write (as with the memory
   * storage). The write is durable either way: if the cache cannot follow etcd just now, it is
   * acknowledged all the same.
   */
  async #applied(key: string, revision: number, object: Readonly<StoredObject>): Promise<StoredItem> {
    await this.#feed.waitFor(revision, key).catch(() => undefined);
    const cached = this.#feed.cache.current(key)?.item;
    return cached?.resourceVersion === revision ? cached : storedItem(key, revision, object);
  }

  async #compactEtcd(revision: number): Promise<void> {
    try {
      await this.#client.kv.compact({ revision: String(revision) }, { deadline: this.#deadline() });
    } catch (error) {
      // Compacting to a revision etcd already compacted is no failure.
      if (!(error instanceof Error && error.message.includes('compacted'))) throw etcdStorageError(error, '');
    }
  }

  /** Each round compacts to the revision the previous round saw, so at least one interval of history stays. */
  #startCompactor(interval: number): void {
    if (interval <= 0) return;
    let previous: number | undefined;
    this.#compactor = setInterval(() => {
      const target = previous;
      previous = this.#feed.cache.revision;
      if (target !== undefined) this.#compactEtcd(target).catch(() => undefined);
    }, interval);
    this.#compactor.unref();
  }

  #deadline(): Date {
    return new Date(Date.now() + this.#requestTimeout);
  }
}
