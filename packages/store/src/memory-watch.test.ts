import { describe, expect, it } from 'vitest';
import { MemoryStorage } from './memory-storage.js';
import { INITIAL_BATCH } from './memory-watch.js';
import type { Predicate, StoredObject, WatchEvent } from './storage.js';

const object = (name: string, labels: Record<string, string> = {}): StoredObject => ({ metadata: { name, labels } });
const isWeb: Predicate = (o) => (o.metadata?.labels as Record<string, string> | undefined)?.app === 'web';

describe('MemoryWatch', () => {
  it('cuts off a watcher that falls behind, without holding back writers or other watchers', async () => {
    const storage = new MemoryStorage({ maxWatchQueue: 5 });
    const slow = await storage.watch('/', { resourceVersion: 0 });
    const tight = await storage.watch('/', { resourceVersion: 0, maxQueue: 2 });
    const fast = await storage.watch('/', { resourceVersion: 0 });
    const seen: number[] = [];
    for (let i = 1; i <= 20; i++) {
      await storage.create(`/${i}`, object(`o${i}`));
      for (const item of (await fast.nextBatch())!) seen.push(item.resourceVersion);
    }
    expect(tight.ended).toEqual({ reason: 'too-slow' });
    expect(slow.ended).toEqual({ reason: 'too-slow' });
    expect(await slow.nextBatch()).toBeUndefined();
    expect(fast.ended).toBeUndefined();
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('keeps exactly maxQueue unread items and hands them over in one batch', async () => {
    const storage = new MemoryStorage();
    const watch = await storage.watch('/', { resourceVersion: 0, maxQueue: 3 });
    for (const name of ['a', 'b', 'c']) await storage.create(`/${name}`, object(name));
    expect(watch.ended).toBeUndefined();
    expect((await watch.nextBatch())!.map((item) => item.resourceVersion)).toEqual([1, 2, 3]);
  });

  it('hands the same event object to every watcher without a selector, and shared variants to selective ones', async () => {
    const storage = new MemoryStorage();
    await storage.create('/a', object('a', { app: 'web' }));
    const plain = [await storage.watch('/', { resourceVersion: 1 }), await storage.watch('/', { resourceVersion: 1 })];
    const selective = [await storage.watch('/', { resourceVersion: 1, predicate: isWeb }), await storage.watch('/', { resourceVersion: 1, predicate: isWeb })];
    await storage.guaranteedUpdate('/a', (current) => ({ ...current.object, metadata: { ...current.object.metadata, labels: { app: 'db' } } }));
    const [p1, p2] = await Promise.all(plain.map(async (watch) => (await watch.nextBatch())![0] as WatchEvent));
    const [s1, s2] = await Promise.all(selective.map(async (watch) => (await watch.nextBatch())![0] as WatchEvent));
    expect(p1).toBe(p2);
    expect(p1!.type).toBe('MODIFIED');
    expect(s1!.type).toBe('DELETED');
    expect(s1).not.toBe(p1);
    expect(s1).toBe(s2);
    p1!.encoded.set('json', new Uint8Array([10]));
    expect(s1!.encoded.get('json')).toBeUndefined();
  });

  it('streams a large initial state in bounded batches, then the bookmark', async () => {
    const storage = new MemoryStorage();
    const total = INITIAL_BATCH * 2 + 5;
    for (let i = 0; i < total; i++) await storage.create(`/${String(i).padStart(5, '0')}`, object(`o${i}`));
    const watch = await storage.watch('/', { sendInitialEvents: true, maxQueue: 1 });
    const sizes = [];
    for (let batch = await watch.nextBatch(); batch !== undefined; batch = await watch.nextBatch()) {
      sizes.push(batch.length);
      if (batch.at(-1)!.type === 'BOOKMARK') break;
    }
    expect(sizes).toEqual([INITIAL_BATCH, INITIAL_BATCH, 6]);
  });

  it('ends a watch whose predicate throws, and nobody else notices', async () => {
    const storage = new MemoryStorage();
    const broken = await storage.watch('/', {
      resourceVersion: 0,
      predicate: () => {
        throw new Error('bad selector');
      },
    });
    const healthy = await storage.watch('/', { resourceVersion: 0 });
    await storage.create('/a', object('a'));
    expect(broken.ended).toMatchObject({ reason: 'error', error: new Error('bad selector') });
    expect(await broken.nextBatch()).toBeUndefined();
    expect((await healthy.nextBatch())!).toHaveLength(1);
  });

  it('starts at the current revision without initial events when sendInitialEvents is false', async () => {
    const storage = new MemoryStorage();
    await storage.create('/a', object('a'));
    const watch = await storage.watch('/', { sendInitialEvents: false });
    await storage.create('/b', object('b'));
    expect((await watch.nextBatch())!.map((item) => item.resourceVersion)).toEqual([2]);
  });

  it('queues a progress bookmark at the current revision behind what is already queued', async () => {
    const storage = new MemoryStorage();
    const watch = await storage.watch('/a/', { resourceVersion: 0, predicate: isWeb });
    await storage.create('/a/web', object('web', { app: 'web' }));
    await storage.create('/a/db', object('db', { app: 'db' }));
    await storage.create('/b/other', object('other', { app: 'web' }));
    watch.requestBookmark!();
    const items = (await watch.nextBatch())!;
    expect(items.map((item) => `${item.type}@${item.resourceVersion}`)).toEqual(['ADDED@1', 'BOOKMARK@3']);
    expect(items[1]).toEqual({ type: 'BOOKMARK', resourceVersion: 3, initialEventsEnd: false });
  });

  it('returning from the iterator while a read is pending stops the watch and settles the read', async () => {
    const storage = new MemoryStorage();
    const watch = await storage.watch('/', { resourceVersion: 0 });
    const iterator = watch[Symbol.asyncIterator]();
    const pending = iterator.next();
    await iterator.return!();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(watch.ended).toEqual({ reason: 'stopped' });
  });
});
