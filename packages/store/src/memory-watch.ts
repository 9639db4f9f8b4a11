import { StoreEvent, eventForWatcher } from './store-event.js';
import type { Predicate, StoredItem, StoredObject, Watch, WatchEnd, WatchItem } from './storage.js';

/** Initial events are handed out in batches of at most this many, so a large state streams in steps. */
export const INITIAL_BATCH = 1000;

/** What a watch delivers before live changes, fixed when it starts. */
export interface WatchBacklog {
  /** Current objects (synthetic ADDED events) or kept changes to replay, in order. */
  readonly entries: readonly (StoredItem | StoreEvent)[];
  /** When set, an `initialEventsEnd` bookmark at this revision follows the entries. */
  readonly bookmark?: number;
}

export interface MemoryWatchOptions {
  readonly prefix: string;
  readonly predicate: Predicate | undefined;
  readonly maxQueue: number;
  readonly backlog: WatchBacklog;
  /** The store's current revision: every change up to it has been offered to the watch. */
  readonly revision: () => number;
  /** Told once, when the watch ends for any reason, so the store can forget it. */
  readonly onEnd: (watch: MemoryWatch) => void;
}

/**
 * One watcher of the memory store. The store calls `offer` synchronously for each write under the
 * prefix, in revision order; the consumer pulls. Live items wait in a bounded queue: a consumer
 * that falls more than `maxQueue` items behind is cut off instead of slowing anyone down
 * (the watch cache closes watchers that cannot keep up).
 */
export class MemoryWatch<T extends StoredObject = StoredObject> implements Watch<T> {
  readonly prefix: string;
  readonly #predicate: Predicate | undefined;
  readonly #maxQueue: number;
  readonly #onEnd: (watch: MemoryWatch) => void;
  readonly #revision: () => number;
  #backlog: WatchBacklog | undefined;
  #backlogIndex = 0;
  #queue: WatchItem[] = [];
  #ended: WatchEnd | undefined;
  #signal: Promise<void> | undefined;
  #wake: (() => void) | undefined;

  constructor(options: MemoryWatchOptions) {
    this.prefix = options.prefix;
    this.#predicate = options.predicate;
    this.#maxQueue = options.maxQueue;
    this.#onEnd = options.onEnd;
    this.#revision = options.revision;
    this.#backlog = options.backlog;
  }

  get ended(): WatchEnd | undefined {
    return this.#ended;
  }

  /** Queues what this watcher sees of a live change. Never throws and never waits. */
  offer(event: StoreEvent): void {
    if (this.#ended !== undefined) return;
    let seen: StoreEvent | undefined;
    try {
      seen = eventForWatcher(event, this.#predicate);
    } catch (error) {
      this.end({ reason: 'error', error });
      return;
    }
    if (seen !== undefined) this.#enqueue(seen);
  }

  /**
   * Writes fan out synchronously, so between two turns every change up to the store's revision has
   * reached the queue: a bookmark queued behind them at that revision is never ahead of an event.
   */
  requestBookmark(): void {
    if (this.#ended === undefined) this.#enqueue({ type: 'BOOKMARK', resourceVersion: this.#revision(), initialEventsEnd: false });
  }

  async nextBatch(): Promise<WatchItem<T>[] | undefined> {
    for (;;) {
      if (this.#ended !== undefined) return undefined;
      const batch = this.#take();
      if (batch !== undefined) return batch as WatchItem<T>[];
      if (this.#ended !== undefined) return undefined;
      this.#signal ??= new Promise<void>((resolve) => (this.#wake = resolve));
      await this.#signal;
    }
  }

  stop(): void {
    this.end({ reason: 'stopped' });
  }

  /** Ends the watch, drops whatever it still holds and wakes a waiting consumer. */
  end(reason: WatchEnd): void {
    if (this.#ended !== undefined) return;
    this.#ended = reason;
    this.#queue = [];
    this.#backlog = undefined;
    this.#onEnd(this as MemoryWatch);
    this.#notify();
  }

  [Symbol.asyncIterator](): AsyncIterator<WatchItem<T>> {
    let batch: WatchItem<T>[] = [];
    let index = 0;
    return {
      next: async () => {
        if (index >= batch.length) {
          const next = await this.nextBatch();
          if (next === undefined) return { done: true, value: undefined };
          batch = next;
          index = 0;
        }
        return { done: false, value: batch[index++]! };
      },
      return: async () => {
        this.stop();
        return { done: true, value: undefined };
      },
    };
  }

  #enqueue(item: WatchItem): void {
    this.#queue.push(item);
    if (this.#queue.length > this.#maxQueue) this.end({ reason: 'too-slow' });
    else this.#notify();
  }

  #notify(): void {
    const wake = this.#wake;
    this.#signal = undefined;
    this.#wake = undefined;
    wake?.();
  }

  /** The backlog first (a batch at a time), then everything queued live. */
  #take(): WatchItem[] | undefined {
    const backlog = this.#backlog;
    if (backlog !== undefined) {
      const batch: WatchItem[] = [];
      try {
        while (batch.length < INITIAL_BATCH && this.#backlogIndex < backlog.entries.length) {
          const entry = backlog.entries[this.#backlogIndex++]!;
          const event = entry instanceof StoreEvent ? entry : StoreEvent.added(entry);
          const seen = eventForWatcher(event, this.#predicate);
          if (seen !== undefined) batch.push(seen);
        }
      } catch (error) {
        this.end({ reason: 'error', error });
        return undefined;
      }
      if (this.#backlogIndex === backlog.entries.length) {
        this.#backlog = undefined;
        if (backlog.bookmark !== undefined) {
          batch.push({ type: 'BOOKMARK', resourceVersion: backlog.bookmark, initialEventsEnd: true });
        }
      }
      if (batch.length > 0) return batch;
    }
    if (this.#queue.length === 0) return undefined;
    const queued = this.#queue;
    this.#queue = [];
    return queued;
  }
}
