import type { Predicate, StoredItem, StoredObject, WatchEvent, WatchEventType } from './storage.js';
import { storedItem } from './stored-item.js';

/**
 * A change, shared by every watcher that receives it unchanged. The variants a selector turns it
 * into (see `eventForWatcher`) are built on first use and shared too.
 */
export class StoreEvent implements WatchEvent {
  #encoded: Map<string, Uint8Array> | undefined;
  #asAdded: StoreEvent | undefined;
  #asDeleted: StoreEvent | undefined;

  constructor(
    readonly type: Exclude<WatchEventType, 'BOOKMARK'>,
    readonly key: string,
    readonly resourceVersion: number,
    readonly object: Readonly<StoredObject>,
    readonly bytes: Uint8Array,
    readonly previous?: Readonly<StoredObject>,
  ) {}

  /** A synthetic ADDED event for an object that exists (initial events of a watch). */
  static added(item: StoredItem): StoreEvent {
    return new StoreEvent('ADDED', item.key, item.resourceVersion, item.object, item.bytes);
  }

  get encoded(): Map<string, Uint8Array> {
    return (this.#encoded ??= new Map());
  }

  /** This change for a watcher whose selector matches the new object but not the old one. */
  asAdded(): StoreEvent {
    return (this.#asAdded ??= new StoreEvent('ADDED', this.key, this.resourceVersion, this.object, this.bytes));
  }

  /**
   * This change for a watcher whose selector matched the old object but not the new one: the old
   * object, stamped with this change's revision (as the watch cache does).
   */
  asDeleted(): StoreEvent {
    if (this.#asDeleted === undefined) {
      const previous = this.previous ?? this.object;
      const item = storedItem(this.key, this.resourceVersion, previous);
      this.#asDeleted = new StoreEvent('DELETED', this.key, this.resourceVersion, item.object, item.bytes, previous);
    }
    return this.#asDeleted;
  }
}

/**
 * What a watcher with `predicate` sees of `event` (k8s.io/apiserver cacheWatcher): a change that
 * makes an object match arrives as ADDED, one that makes it stop matching as DELETED, a deletion
 * counts if the deleted object matched, and a change that never matches is not seen.
 */
export function eventForWatcher(event: StoreEvent, predicate: Predicate | undefined): StoreEvent | undefined {
  if (predicate === undefined) return event;
  switch (event.type) {
    case 'ADDED':
      return predicate(event.object) ? event : undefined;
    case 'DELETED':
      return predicate(event.previous ?? event.object) ? event : undefined;
    case 'MODIFIED': {
      const matchedBefore = event.previous !== undefined && predicate(event.previous);
      if (predicate(event.object)) return matchedBefore ? event : event.asAdded();
      return matchedBefore ? event.asDeleted() : undefined;
    }
  }
}
