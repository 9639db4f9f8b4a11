/** A chunk splits in two above this size; inserting or removing moves at most this many entries. */
const MAX_CHUNK = 512;

/**
 * A set of strings kept in plain string order, as a list of sorted chunks. Inserts and removals
 * shift one chunk, not the whole set, and reading from a key finds it by binary search, so a
 * list page costs what it returns, not the size of the store.
 */
export class SortedKeys {
  #chunks: string[][] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  has(key: string): boolean {
    const chunk = this.#chunks[this.#chunkFor(key)];
    return chunk !== undefined && chunk[lowerBound(chunk, key)] === key;
  }

  add(key: string): boolean {
    const index = Math.min(this.#chunkFor(key), this.#chunks.length - 1);
    const chunk = this.#chunks[index];
    if (chunk === undefined) {
      this.#chunks.push([key]);
    } else {
      const at = lowerBound(chunk, key);
      if (chunk[at] === key) return false;
      chunk.splice(at, 0, key);
      if (chunk.length > MAX_CHUNK) this.#chunks.splice(index + 1, 0, chunk.splice(chunk.length >> 1));
    }
    this.#size++;
    return true;
  }

  delete(key: string): boolean {
    const index = this.#chunkFor(key);
    const chunk = this.#chunks[index];
    if (chunk === undefined) return false;
    const at = lowerBound(chunk, key);
    if (chunk[at] !== key) return false;
    chunk.splice(at, 1);
    this.#size--;
    if (chunk.length === 0) this.#chunks.splice(index, 1);
    else this.#mergeSmall(index);
    return true;
  }

  /** Every key `>= start`, in order. The set must not change while the iteration runs. */
  *from(start: string): Generator<string, void, undefined> {
    let index = this.#chunkFor(start);
    let chunk = this.#chunks[index];
    if (chunk === undefined) return;
    let at = lowerBound(chunk, start);
    while (chunk !== undefined) {
      for (; at < chunk.length; at++) yield chunk[at]!;
      chunk = this.#chunks[++index];
      at = 0;
    }
  }

  /** How many keys `k` satisfy `low <= k < high`; no `high` means no upper bound. */
  countRange(low: string, high?: string): number {
    return Math.max(0, (high === undefined ? this.#size : this.#rank(high)) - this.#rank(low));
  }

  /** How many keys sort before `key`. */
  #rank(key: string): number {
    const index = this.#chunkFor(key);
    let rank = 0;
    for (let i = 0; i < index && i < this.#chunks.length; i++) rank += this.#chunks[i]!.length;
    const chunk = this.#chunks[index];
    return chunk === undefined ? rank : rank + lowerBound(chunk, key);
  }

  /** The first chunk whose last key is `>= key` (the chunk count when every key is smaller). */
  #chunkFor(key: string): number {
    let low = 0;
    let high = this.#chunks.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const chunk = this.#chunks[mid]!;
      if (chunk[chunk.length - 1]! < key) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Keeps chunks from thinning out after many removals. */
  #mergeSmall(index: number): void {
    const chunk = this.#chunks[index]!;
    const next = this.#chunks[index + 1];
    if (chunk.length < MAX_CHUNK >> 2 && next !== undefined && chunk.length + next.length <= MAX_CHUNK) {
      this.#chunks.splice(index, 2, chunk.concat(next));
    }
  }
}

function lowerBound(sorted: readonly string[], key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The smallest string greater than every string that starts with `prefix`, if there is one. */
export function prefixEnd(prefix: string): string | undefined {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const code = prefix.charCodeAt(i);
    if (code < 0xffff) return prefix.slice(0, i) + String.fromCharCode(code + 1);
  }
  return undefined;
}
