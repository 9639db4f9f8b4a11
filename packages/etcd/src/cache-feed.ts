import type { Etcd3, IWatchResponse } from 'etcd3';
import { type StoredItem, type StoredObject, WatchCache, type WatchCacheOptions, storageInitializing, storageUnavailable } from '@kubekit/store';
import { etcdStorageError } from './etcd-errors.js';
import { type EtcdKeys, itemOf, parseValue } from './etcd-keys.js';

/** Keys read per range request while loading the cache. */
const LOAD_PAGE = 1000;
/** etcd's range of every key: from the zero byte, with the zero byte as the end meaning "to the last key". */
const EVERY_KEY = { key: Buffer.from([0]), range_end: Buffer.from([0]) };
const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 2_000;

export interface CacheFeedOptions extends Pick<WatchCacheOptions, 'historyWindow' | 'maxWatchQueue'> {
  client: Etcd3;
  keys: EtcdKeys;
  /** Deadline of each etcd call and of a read's wait for the cache, in milliseconds. */
  requestTimeout: number;
}

/** A value this server is putting, and the frozen object it is the JSON of. */
export interface ExpectedValue {
  readonly value: Buffer;
  readonly object: Readonly<StoredObject>;
}

interface Waiter {
  revision: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Keeps a `WatchCache` equal to everything under the etcd prefix (k8s.io/apiserver's cacher and
 * reflector): a consistent paged read at one revision, then one etcd watch from the next revision
 * on, applied event by event. When the watch breaks it resumes from the last applied revision;
 * when etcd compacted past it, the cache is loaded again and its watchers are ended, so clients
 * resume from their own resourceVersion or relist on 410.
 *
 * The watch covers etcd's whole key space, not just the prefix: every revision etcd hands out then
 * reaches the cache as an event (those outside the prefix only move its revision), so a read that
 * waits for etcd's current revision knows exactly when the cache has it. Progress notifications
 * would tell the same without the events, but before etcd 3.4.26 and 3.5.8 one can overtake
 * events still on their way (etcd issue 15220), and Debian ships 3.4.23.
 *
 * The watch is driven on the raw gRPC stream rather than the etcd3 client's Watcher, which resumes
 * silently across compactions. Events carry no previous value (prevKV): the cache holds the
 * previous version of every key already.
 */
export class CacheFeed {
  readonly cache: WatchCache;
  readonly #client: Etcd3;
  readonly #keys: EtcdKeys;
  readonly #requestTimeout: number;
  #waiters: Waiter[] = [];
  /** Values this server is writing, by key, until the watch brings them back. */
  readonly #expected = new Map<string, ExpectedValue[]>();
  #stream: Awaited<ReturnType<Etcd3['watchClient']['watch']>> | undefined;
  #stopped = false;
  #reconnectDelay = RECONNECT_MIN_MS;
  #reconnectTimer: NodeJS.Timeout | undefined;
  /** Set while the cache cannot follow etcd; reads that need it wait or fail. */
  #lastError: Error | undefined;

  constructor(options: CacheFeedOptions) {
    this.#client = options.client;
    this.#keys = options.keys;
    this.#requestTimeout = options.requestTimeout;
    this.cache = new WatchCache({
      ...(options.historyWindow !== undefined && { historyWindow: options.historyWindow }),
      ...(options.maxWatchQueue !== undefined && { maxWatchQueue: options.maxWatchQueue }),
    });
  }

  /** Loads the cache and starts the watch; fails when etcd cannot be read. */
  async start(): Promise<void> {
    await this.#load();
    await this.#watch();
  }

  /** Why the cache is not following etcd right now, if it is not. */
  get lastError(): Error | undefined {
    return this.#lastError;
  }

  /** Resolves once the cache has applied every write up to `revision`, a revision etcd has reached. */
  waitFor(revision: number, key: string): Promise<void> {
    if (this.cache.revision >= revision) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((waiter) => waiter !== entry);
        reject(this.#lastError ?? storageInitializing(key));
      }, this.#requestTimeout);
      const entry: Waiter = {
        revision,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.#waiters.push(entry);
    });
  }

  /**
   * Announces a value this server is about to put, with the object it encodes, so the watch event
   * that brings it back (which may come before the put's own answer) takes the object instead of
   * parsing the value again. `settle` it once the put has answered, whether or not it wrote.
   */
  expect(key: string, value: Buffer, object: Readonly<StoredObject>): ExpectedValue {
    const expected: ExpectedValue = { value, object };
    const list = this.#expected.get(key);
    if (list) list.push(expected);
    else this.#expected.set(key, [expected]);
    return expected;
  }

  settle(key: string, expected: ExpectedValue): void {
    const list = this.#expected.get(key);
    const index = list?.indexOf(expected) ?? -1;
    if (index < 0) return;
    list!.splice(index, 1);
    if (list!.length === 0) this.#expected.delete(key);
  }

  /** Stops following etcd: reads still waiting fail at once, and every watch ends. */
  stop(): void {
    this.#stopped = true;
    for (const waiter of this.#waiters) waiter.reject(storageUnavailable('', 'the etcd storage is closed'));
    this.#waiters = [];
    clearTimeout(this.#reconnectTimer);
    this.#stream?.end();
    this.#stream = undefined;
    this.cache.close();
  }

  /** Reads every key under the prefix at one revision and makes it the cache's whole state. */
  async #load(): Promise<void> {
    const range = this.#keys.range();
    const items: StoredItem[] = [];
    let revision: string | undefined;
    let start = range.key;
    for (;;) {
      const response = await this.#client.kv
        .range({ key: start, range_end: range.range_end, limit: LOAD_PAGE, ...(revision && { revision }) }, { deadline: this.#deadline() })
        .catch((error: unknown) => Promise.reject(etcdStorageError(error, '')));
      revision ??= response.header.revision;
      for (const kv of response.kvs) items.push(itemOf(this.#keys.storageKey(kv.key)!, kv, undefined));
      if (!response.more || response.kvs.length === 0) break;
      start = Buffer.concat([response.kvs.at(-1)!.key, Buffer.from([0])]);
    }
    this.cache.reset(items, Number(revision));
    this.#settleWaiters();
  }

  /** Opens the watch from the revision after the cache's; resolves once etcd has created it. */
  async #watch(): Promise<void> {
    const stream = await this.#client.watchClient.watch().catch((error: unknown) => Promise.reject(etcdStorageError(error, '')));
    this.#stream = stream;
    await new Promise<void>((resolve, reject) => {
      let created = false;
      stream.on('data', (response: IWatchResponse) => {
        if (this.#stream !== stream) return;
        if (response.created && !created) {
          created = true;
          this.#lastError = undefined;
          this.#reconnectDelay = RECONNECT_MIN_MS;
          resolve();
        }
        this.#receive(response);
      });
      const broken = (error?: Error) => {
        if (this.#stream !== stream) return;
        this.#stream = undefined;
        const cause = etcdStorageError(error ?? new Error('the etcd watch stream ended'), '');
        if (!created) reject(cause);
        else this.#reconnect(cause);
      };
      stream.on('error', broken);
      stream.on('end', () => broken());
      stream.write({ create_request: { ...EVERY_KEY, start_revision: String(this.cache.revision + 1) } });
    });
  }

  #receive(response: IWatchResponse): void {
    if (response.canceled) {
      // etcd cancels a watch whose start revision it has compacted away: load the state again.
      const compacted = Number(response.compact_revision) > 0;
      this.#stream?.end();
      this.#stream = undefined;
      this.#restart(compacted);
      return;
    }
    try {
      for (const event of response.events) {
        const revision = Number(event.kv.mod_revision);
        const key = this.#keys.storageKey(event.kv.key);
        if (key === undefined) {
          this.cache.advance(revision);
        } else if (event.type === 'Delete') {
          if (this.cache.current(key) === undefined) this.cache.advance(revision);
          else this.cache.write(key, revision, undefined);
        } else {
          this.cache.write(key, revision, this.#takeExpected(key, event.kv.value) ?? parseValue(event.kv.value, this.cache.current(key)?.item?.object));
        }
      }
    } catch (error) {
      this.#lastError = error instanceof Error ? error : new Error(String(error));
      this.#restart(true);
      return;
    }
    this.#settleWaiters();
  }

  /** The object of a value this server is putting to `key`, when `value` is that value. */
  #takeExpected(key: string, value: Buffer): Readonly<StoredObject> | undefined {
    const list = this.#expected.get(key);
    const expected = list?.find((candidate) => candidate.value.equals(value));
    if (!expected) return undefined;
    this.settle(key, expected);
    return expected.object;
  }

  #reconnect(cause: Error): void {
    if (this.#stopped) return;
    this.#lastError = cause;
    this.#restart(false);
  }

  /** Watches again after a pause, loading the whole state first when `reload`. */
  #restart(reload: boolean): void {
    if (this.#stopped || this.#reconnectTimer !== undefined) return;
    const delay = this.#reconnectDelay;
    this.#reconnectDelay = Math.min(delay * 2, RECONNECT_MAX_MS);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      void (async () => {
        try {
          if (reload) await this.#load();
          await this.#watch();
        } catch (error) {
          this.#lastError = error instanceof Error ? error : new Error(String(error));
          this.#restart(reload || isCompacted(error));
        }
      })();
    }, reload && !this.#lastError ? 0 : delay);
  }

  #settleWaiters(): void {
    if (this.#waiters.length === 0) return;
    const revision = this.cache.revision;
    const waiting: Waiter[] = [];
    for (const waiter of this.#waiters) {
      if (waiter.revision <= revision) waiter.resolve();
      else waiting.push(waiter);
    }
    this.#waiters = waiting;
  }

  #deadline(): Date {
    return new Date(Date.now() + this.#requestTimeout);
  }
}

function isCompacted(error: unknown): boolean {
  return error instanceof Error && error.message.includes('compacted');
}
