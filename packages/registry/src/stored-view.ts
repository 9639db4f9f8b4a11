import { type ListResult, type StoredItem, type Watch, type WatchItem, toFrozenJson } from '@kubekit/store';
import type { KubeObject } from './kube-object.js';

/** How a stored object reads through one version; undefined when it reads as stored. */
export type FromStorage<T extends KubeObject> = (object: Readonly<T>) => T | undefined;

const utf8 = new TextEncoder();

/**
 * What a resource's readers see of its stored items: each item as `fromStorage` presents it
 * (API Concepts: an object is served in the version it was requested in, whatever version
 * stored it). An item or watch event that reads differently is presented once, however many
 * requests read it; one that reads as stored keeps its bytes.
 */
export class StoredView<T extends KubeObject> {
  private readonly presented = new WeakMap<object, object>();
  private readonly presentedEvents = new WeakMap<object, WatchItem<T>>();

  constructor(private readonly fromStorage: FromStorage<T> | undefined) {}

  item<I extends StoredItem<T>>(item: I): I {
    if (!this.fromStorage) return item;
    const known = this.presented.get(item);
    if (known) return known as I;
    const object = this.fromStorage(item.object);
    const presented: I = object === undefined ? item : { ...item, object: toFrozenJson(object) as T, bytes: utf8.encode(JSON.stringify(object)) };
    this.presented.set(item, presented);
    this.presented.set(presented, presented);
    return presented;
  }

  list(result: ListResult<T>): ListResult<T> {
    return this.fromStorage ? { ...result, items: result.items.map((item) => this.item(item)) } : result;
  }

  watch(watch: Watch<T>): Watch<T> {
    if (!this.fromStorage) return watch;
    return new PresentedWatch(watch, (event) => this.event(event));
  }

  private event(event: WatchItem<T>): WatchItem<T> {
    if (event.type === 'BOOKMARK') return event;
    let presented = this.presentedEvents.get(event);
    if (!presented) {
      const item = this.item(event);
      // A presented event has its own encoding cache: the stored event's holds the stored bytes' lines.
      presented = item === event ? event : { ...item, encoded: new Map<string, Uint8Array>() };
      this.presentedEvents.set(event, presented);
    }
    return presented;
  }
}

/** A watch whose events pass through `present`. */
class PresentedWatch<T extends KubeObject> implements Watch<T> {
  constructor(
    private readonly watch: Watch<T>,
    private readonly present: (event: WatchItem<T>) => WatchItem<T>,
  ) {}

  get ended() {
    return this.watch.ended;
  }

  async nextBatch(): Promise<WatchItem<T>[] | undefined> {
    return (await this.watch.nextBatch())?.map(this.present);
  }

  stop(): void {
    this.watch.stop();
  }

  requestBookmark(): void {
    this.watch.requestBookmark?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<WatchItem<T>> {
    for await (const event of this.watch) yield this.present(event);
  }
}
