import type { StoredItem, StoredObject } from './storage.js';

/**
 * A state of a `MemoryStorage` to come back to (`MemoryStorage.snapshot()`, `restore()`). Stored
 * items are immutable, so a snapshot holds references to the live items, not copies. Opaque: only
 * the store that took it can restore it.
 */
export class MemorySnapshot {
  /** The revision the snapshot was taken at. */
  readonly resourceVersion: number;
  /** How many objects it holds. */
  readonly size: number;

  constructor(owner: object, items: Map<string, StoredItem>, resourceVersion: number) {
    this.resourceVersion = resourceVersion;
    this.size = items.size;
    states.set(this, { owner, items, sameAt: resourceVersion });
  }
}

/** What `MemoryStorage.restore()` did. */
export interface RestoreResult {
  /** The store's revision after the restore (the last write's, or the current one when nothing changed). */
  resourceVersion: number;
  /** The keys written back or deleted, in key order. */
  changed: string[];
}

interface SnapshotState {
  readonly owner: object;
  /** Key → the item the snapshot holds; replaced by the item a restore wrote back for it. */
  readonly items: Map<string, StoredItem>;
  /** A revision at which the live state equalled the snapshot: only keys written since can differ. */
  sameAt: number;
}

const states = new WeakMap<MemorySnapshot, SnapshotState>();

/** What a restore needs of the store. */
export interface RestoreTarget {
  readonly owner: object;
  revision(): number;
  current(key: string): StoredItem | undefined;
  /** The keys written after `revision`, or undefined when the history no longer reaches back to it. */
  keysWrittenSince(revision: number): Iterable<string> | undefined;
  /** Every live item. */
  liveItems(): Iterable<StoredItem>;
  /** One ordinary write at the next revision: the object (undefined to delete). */
  write(key: string, type: 'ADDED' | 'MODIFIED' | 'DELETED', object: Readonly<StoredObject> | undefined): StoredItem;
}

/**
 * Makes the live state equal to the snapshot's by ordinary writes, each at a new revision: a key
 * absent from the snapshot is deleted, a key whose item is not the snapshot's gets the snapshot's
 * object back (ADDED or MODIFIED), every other key keeps its item and resourceVersion. Watchers see
 * the difference as events and revisions never go back (API Concepts: a resourceVersion a client
 * holds stays meaningful). Only keys written since the snapshot last matched are examined while
 * the history reaches back that far; otherwise every live and snapshot key is.
 * Synchronous, so no other write interleaves.
 */
export function restoreSnapshot(target: RestoreTarget, snapshot: MemorySnapshot): RestoreResult {
  const state = states.get(snapshot);
  if (state === undefined || state.owner !== target.owner) throw new Error('this snapshot was taken of another store');
  const candidates = new Set(target.keysWrittenSince(state.sameAt) ?? allKeys(target, state));
  const changed: string[] = [];
  for (const key of [...candidates].sort()) {
    const want = state.items.get(key);
    const have = target.current(key);
    if (have === want) continue;
    changed.push(key);
    if (want === undefined) {
      target.write(key, 'DELETED', undefined);
    } else {
      // The restored item becomes the snapshot's, so an identity check finds it unchanged next time.
      state.items.set(key, target.write(key, have === undefined ? 'ADDED' : 'MODIFIED', want.object));
    }
  }
  state.sameAt = target.revision();
  return { resourceVersion: state.sameAt, changed };
}

function* allKeys(target: RestoreTarget, state: SnapshotState): Generator<string> {
  for (const item of target.liveItems()) yield item.key;
  yield* state.items.keys();
}
