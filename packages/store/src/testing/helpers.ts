import { afterEach, beforeEach, expect } from 'vitest';
import { type StorageErrorCode, isStorageError } from '../errors.js';
import type { Storage, StoredObject, Watch, WatchItem } from '../storage.js';

export type MakeStorage<S extends Storage> = () => S | Promise<S>;

/** A fresh storage for each test, closed after it. */
export function useStorage<S extends Storage>(makeStorage: MakeStorage<S>): () => S {
  let storage: S | undefined;
  beforeEach(async () => {
    storage = await makeStorage();
  });
  afterEach(async () => {
    await storage?.close();
    storage = undefined;
  });
  return () => {
    if (storage === undefined) throw new Error('storage is only available inside a test');
    return storage;
  };
}

export interface TestObject extends StoredObject {
  metadata: { name: string; uid: string; resourceVersion?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
}

export const key = (name: string, prefix = '/pods/ns/') => `${prefix}${name}`;

const utf8 = new TextDecoder();

/** An item's or event's bytes as text, so a mismatch shows as readable JSON. */
export const jsonOf = (item: { bytes: Uint8Array }): string => utf8.decode(item.bytes);

export function testObject(name: string, labels?: Record<string, string>, spec: Record<string, unknown> = {}): TestObject {
  return { kind: 'Pod', metadata: { name, uid: `uid-${name}`, ...(labels && { labels }) }, spec };
}

/** Settles `promise` and returns the StorageError it failed with, asserting its code. */
export async function storageError(promise: Promise<unknown>, code: StorageErrorCode): Promise<Error> {
  const error: unknown = await promise.then(
    () => new Error(`expected a ${code} StorageError, but the call succeeded`),
    (caught: unknown) => caught,
  );
  expect(isStorageError(error, code), String(error)).toBe(true);
  return error as Error;
}

/** Reads a watch item by item, keeping what a batch brought beyond what was asked for. */
export class WatchReader<T extends StoredObject = StoredObject> {
  #buffer: WatchItem<T>[] = [];

  constructor(readonly watch: Watch<T>) {}

  /** The next `count` items; fails if the watch ends first. */
  async take(count: number): Promise<WatchItem<T>[]> {
    while (this.#buffer.length < count) await this.#fill();
    return this.#buffer.splice(0, count);
  }

  /** Every item up to and including the first that satisfies `last`. */
  async until(last: (item: WatchItem<T>) => boolean): Promise<WatchItem<T>[]> {
    for (let scanned = 0; ; ) {
      for (; scanned < this.#buffer.length; scanned++) {
        if (last(this.#buffer[scanned]!)) return this.#buffer.splice(0, scanned + 1);
      }
      await this.#fill();
    }
  }

  async #fill(): Promise<void> {
    const batch = await this.watch.nextBatch();
    if (batch === undefined) throw new Error(`watch ended (${JSON.stringify(this.watch.ended)}) with ${this.#buffer.length} items unread`);
    this.#buffer.push(...batch);
  }
}

/** A compact, comparable view of watch items: `TYPE key@rv`. */
export function describeItems(items: readonly WatchItem[]): string[] {
  return items.map((item) =>
    'key' in item ? `${item.type} ${item.key}@${item.resourceVersion}` : `BOOKMARK@${item.resourceVersion}${item.initialEventsEnd ? ' end' : ''}`,
  );
}
