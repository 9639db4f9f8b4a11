import type { Version } from './version.js';

/**
 * The most recent writes, oldest first, at most `window` of them. Revisions are consecutive (each
 * write adds exactly one), so the write at revision r sits at a computed position.
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

  /** Records a write; returns the writes pushed out of the window, oldest first. */
  push(version: Version): Version[] {
    this.#versions.push(version);
    return this.size > this.window ? this.dropThrough(version.resourceVersion - this.window) : [];
  }

  /** Forgets every write at or below `resourceVersion` (as an etcd compaction does). */
  dropThrough(resourceVersion: number): Version[] {
    const count = Math.min(Math.max(0, resourceVersion - this.#floor), this.size);
    const dropped = this.#versions.slice(this.#start, this.#start + count);
    this.#start += count;
    this.#floor = Math.max(this.#floor, resourceVersion);
    if (this.#start > 1024 && this.#start * 2 > this.#versions.length) {
      this.#versions = this.#versions.slice(this.#start);
      this.#start = 0;
    }
    return dropped;
  }

  /** Every kept write after `resourceVersion`, which must be at least `floor`. */
  since(resourceVersion: number): Version[] {
    return this.#versions.slice(this.#start + resourceVersion - this.#floor);
  }
}
