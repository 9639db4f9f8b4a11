import { SortedKeys, prefixEnd } from './sorted-keys.js';
import type { Predicate, StoredItem } from './storage.js';
import { itemAt, type Version } from './version.js';

/** One page read from a snapshot. */
export interface Page {
  items: StoredItem[];
  /** The first key of the next page, when more items match. */
  next?: string;
  remainingItemCount?: number;
}

/**
 * Every key the memory store knows, with the newest version of each. Live keys and deleted keys
 * whose deletion is still in the history window (tombstones) are kept in two sorted sets, so the
 * latest state is read from live keys alone and an older snapshot merges in the few tombstones.
 */
export class Keyspace {
  readonly #newest = new Map<string, Version>();
  readonly #live = new SortedKeys();
  readonly #tombstones = new SortedKeys();

  /** The newest version of a key, tombstone included. */
  newest(key: string): Version | undefined {
    return this.#newest.get(key);
  }

  /** The newest version of a key that exists now. */
  current(key: string): Version | undefined {
    const version = this.#newest.get(key);
    return version?.item === undefined ? undefined : version;
  }

  /** Makes `version` the key's newest; a version without an item records a deletion. */
  put(version: Version): void {
    this.#newest.set(version.key, version);
    if (version.item === undefined) {
      this.#live.delete(version.key);
      this.#tombstones.add(version.key);
    } else if (this.#live.add(version.key)) {
      this.#tombstones.delete(version.key);
    }
  }

  /**
   * Called when `version` leaves the history window: no snapshot older than it can be read any
   * more, so what came before it goes, and a key deleted by it is forgotten.
   */
  forget(version: Version): void {
    version.prev = undefined;
    version.event = undefined;
    if (version.item === undefined && this.#newest.get(version.key) === version) {
      this.#newest.delete(version.key);
      this.#tombstones.delete(version.key);
    }
  }

  /**
   * Reads up to `limit` matching items (0: all) under `prefix`, from key `start` on, as they were
   * at `resourceVersion`. `latest` says that revision is the current one, so tombstones are skipped.
   */
  page(prefix: string, start: string, resourceVersion: number, latest: boolean, limit: number, predicate?: Predicate): Page {
    const keys = latest ? this.#live.from(start) : merge(this.#live.from(start), this.#tombstones.from(start));
    const items: StoredItem[] = [];
    for (const key of keys) {
      if (!key.startsWith(prefix)) break;
      const item = itemAt(this.#newest.get(key), resourceVersion);
      if (item === undefined || (predicate !== undefined && !predicate(item.object))) continue;
      if (limit > 0 && items.length === limit) {
        // Counting what remains is exact and cheap only on the live keys without a selector.
        const remainingItemCount =
          latest && predicate === undefined ? this.#live.countRange(key, prefixEnd(prefix)) : undefined;
        return { items, next: key, remainingItemCount };
      }
      items.push(item);
    }
    return { items };
  }

  /** Every current item under `prefix`, in key order. */
  currentItems(prefix: string): StoredItem[] {
    const items: StoredItem[] = [];
    for (const key of this.#live.from(prefix)) {
      if (!key.startsWith(prefix)) break;
      items.push(this.#newest.get(key)!.item!);
    }
    return items;
  }
}

/** Merges two ascending key sequences without duplicates. */
function* merge(a: Iterator<string>, b: Iterator<string>): Generator<string, void, undefined> {
  let x = a.next();
  let y = b.next();
  while (!x.done || !y.done) {
    if (y.done || (!x.done && x.value < y.value)) {
      yield x.value as string;
      x = a.next();
    } else {
      if (!x.done && x.value === y.value) x = a.next();
      yield y.value;
      y = b.next();
    }
  }
}
