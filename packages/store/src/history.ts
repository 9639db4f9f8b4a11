import type { Version } from './version.js';

/**
 * The most recent writes, oldest first, at most `window` of them. Revisions increase but need not
 * be consecutive: a cache of one etcd prefix sees only that prefix's writes, while the revision
 * counter is etcd's, shared by every key.
 */
export class History {
  #versions: Version[] = [];
  /** Index of the oldest kept write in `#versions`; the array is compacted now and then. */
  #start = 0;
  #floor: number;

  constructor(
    readonly window: number,
    initialResourceVersion: number,
  ) {
    this.#floor = initialResourceVersion;
  }

  /** The oldest revision from which every later write is still kept (watch and snapshot reads start here). */
  get floor(): number {
    return this.#floor;
  }

  get size(): number {
    return this.#versions.length - this.#start;
  }

  /** Records a write (at a revision above every kept one); returns the writes pushed out of the window, oldest first. */
  push(version: Version): Version[] {
    this.#versions.push(version);
    return this.size > this.window ? this.#drop(this.size - this.window) : [];
  }

  /** Forgets every write at or below `resourceVersion` (as an etcd compaction does). */
  dropThrough(resourceVersion: number): Version[] {
    const dropped = this.#drop(this.#indexAfter(resourceVersion) - this.#start);
    this.#floor = Math.max(this.#floor, resourceVersion);
    return dropped;
  }

  /** Every kept write after `resourceVersion`, which must be at least `floor`. */
  since(resourceVersion: number): Version[] {
    return this.#versions.slice(this.#indexAfter(resourceVersion));
  }

  /** Drops the `count` oldest writes; the floor rises to the newest of them. */
  #drop(count: number): Version[] {
    if (count <= 0) return [];
    const dropped = this.#versions.slice(this.#start, this.#start + count);
    this.#start += count;
    this.#floor = Math.max(this.#floor, dropped.at(-1)!.resourceVersion);
    if (this.#start > 1024 && this.#start * 2 > this.#versions.length) {
      this.#versions = this.#versions.slice(this.#start);
      this.#start = 0;
    }
    return dropped;
  }

  /** The index of the first kept write above `resourceVersion` (binary search). */
  #indexAfter(resourceVersion: number): number {
    let low = this.#start;
    let high = this.#versions.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#versions[middle]!.resourceVersion <= resourceVersion) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
