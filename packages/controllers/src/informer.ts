import type { ClientWatchEvent, ResourceClient } from '@kubekit/server';
import type { ObjectMeta } from '@kubekit/types';

export interface Meta {
  metadata?: ObjectMeta;
}

export type InformerEvent = 'add' | 'update' | 'delete';
export type InformerHandler<T> = (event: InformerEvent, object: T, old: T | undefined) => void;

/** `namespace/name`, or `name` for a cluster-scoped object: the key objects are cached and queued by. */
export const keyOf = (object: Meta): string => {
  const namespace = object.metadata?.namespace;
  const name = object.metadata?.name ?? '';
  return namespace ? `${namespace}/${name}` : name;
};

const RELIST_BACKOFF_MAX_MS = 5_000;

/** Waits `ms` of real time, or less if `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

const revision = (object: Meta | undefined): number => Number(object?.metadata?.resourceVersion ?? 0);

/**
 * A cache of one resource kept by list and watch through the in-process client (client-go's
 * shared informer in small): handlers hear every add, update and delete; a watch that ends or
 * expires is followed by a relist whose difference they hear too.
 *
 * Controllers write through the client and tell the informer what they wrote (`assume`), so the
 * next reconcile sees its own writes before their watch events arrive; events older than what is
 * cached are ignored.
 */
export class Informer<T extends Meta> {
  readonly #cache = new Map<string, T>();
  readonly #handlers: InformerHandler<T>[] = [];
  /** Keys deleted by this process, with the revision of the deletion: older events for them are stale. */
  readonly #deleted = new Map<string, number>();
  readonly #abort = new AbortController();
  #running: Promise<void> | undefined;

  constructor(private readonly resource: ResourceClient<T>) {}

  on(handler: InformerHandler<T>): void {
    this.#handlers.push(handler);
  }

  /** Resolves once the first list is cached (and its objects handed to the handlers). */
  async start(): Promise<void> {
    const resourceVersion = await this.#relist();
    this.#running = this.#watchFrom(resourceVersion);
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#running;
  }

  get(key: string): T | undefined {
    return this.#cache.get(key);
  }

  list(): T[] {
    return [...this.#cache.values()];
  }

  /** Records a write this process made (the object the client answered with) before its watch event comes. */
  assume(object: T): void {
    this.#apply(keyOf(object), object);
  }

  /**
   * Records what a delete this process made answered with: an object with a deletionTimestamp is
   * still there (finalizers, a grace period), one without is gone.
   */
  assumeDeleteResult(object: T): void {
    if (object.metadata?.deletionTimestamp) this.assume(object);
    else this.assumeDeleted(object);
  }

  /** Records a deletion this process made (the object as removed, at the deletion's revision). */
  assumeDeleted(object: T): void {
    const key = keyOf(object);
    this.#deleted.set(key, revision(object));
    this.#remove(key);
  }

  async #relist(): Promise<string> {
    const { items, resourceVersion } = await this.resource.list();
    const seen = new Set<string>();
    for (const item of items) {
      const key = keyOf(item);
      seen.add(key);
      this.#deleted.delete(key);
      this.#apply(key, item);
    }
    for (const key of [...this.#cache.keys()]) if (!seen.has(key)) this.#remove(key);
    return resourceVersion;
  }

  async #watchFrom(start: string): Promise<void> {
    let resourceVersion = start;
    const { signal } = this.#abort;
    let emptyRounds = 0;
    while (!signal.aborted) {
      let events = 0;
      try {
        for await (const event of this.resource.watch({ resourceVersion, signal })) {
          events++;
          this.#event(event);
          resourceVersion = event.object.metadata?.resourceVersion ?? resourceVersion;
        }
      } catch {
        // An expired resourceVersion (410) or a watch closed as too slow: relist below.
      }
      if (signal.aborted) return;
      try {
        resourceVersion = await this.#relist();
      } catch {
        // Tried again after the pause below.
      }
      // A watch that ends without an event again and again (a resource no longer served) backs
      // off instead of spinning: 50 ms doubled per empty round, at most 5 s.
      emptyRounds = events > 0 ? 0 : emptyRounds + 1;
      if (emptyRounds > 0) await pause(Math.min(50 * 2 ** (emptyRounds - 1), RELIST_BACKOFF_MAX_MS), signal);
    }
  }

  #event({ type, object }: ClientWatchEvent<T>): void {
    const key = keyOf(object);
    if (type === 'DELETED') {
      this.#deleted.delete(key);
      this.#remove(key);
      return;
    }
    const deletedAt = this.#deleted.get(key);
    if (deletedAt !== undefined && revision(object) <= deletedAt) return;
    this.#deleted.delete(key);
    this.#apply(key, object);
  }

  #apply(key: string, object: T): void {
    const old = this.#cache.get(key);
    if (old && revision(old) >= revision(object)) return;
    this.#cache.set(key, object);
    for (const handler of this.#handlers) handler(old ? 'update' : 'add', object, old);
  }

  #remove(key: string): void {
    const old = this.#cache.get(key);
    if (!old) return;
    this.#cache.delete(key);
    for (const handler of this.#handlers) handler('delete', old, old);
  }
}
