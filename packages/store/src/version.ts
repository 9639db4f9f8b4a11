import type { StoreEvent } from './store-event.js';
import type { StoredItem } from './storage.js';

/**
 * One write of one key. The versions of a key form a chain from the newest (`prev` pointers), so
 * a snapshot at an older revision can still be read; a link is cut once the write it points past
 * leaves the history window, because no readable snapshot needs it any more.
 */
export interface Version {
  readonly key: string;
  readonly resourceVersion: number;
  /** What the write stored; undefined for a deletion (a tombstone). */
  readonly item: StoredItem | undefined;
  prev: Version | undefined;
  /** The event the write emitted; dropped when the write leaves the history window. */
  event: StoreEvent | undefined;
}

/** The key's item as of `resourceVersion`, if it existed then. */
export function itemAt(newest: Version | undefined, resourceVersion: number): StoredItem | undefined {
  let version = newest;
  while (version !== undefined && version.resourceVersion > resourceVersion) version = version.prev;
  return version?.item;
}
