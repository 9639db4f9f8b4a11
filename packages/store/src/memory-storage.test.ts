import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isStorageError } from './errors.js';
import { MemoryStorage } from './memory-storage.js';
import type { StoredObject } from './storage.js';
import { jsonOf, runStorageConformance } from './testing/index.js';

runStorageConformance('MemoryStorage', () => new MemoryStorage());

const object = (name: string, spec: Record<string, unknown> = {}): StoredObject => ({ metadata: { name, uid: `uid-${name}` }, spec });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected the call to fail'),
    (error: unknown) => error,
  );
}

describe('MemoryStorage revisions', () => {
  it('adds exactly one per successful write and nothing for no-ops or failures', async () => {
    const storage = new MemoryStorage({ initialResourceVersion: 41 });
    expect(await storage.currentResourceVersion()).toBe(41);
    expect((await storage.create('/a', object('a'))).resourceVersion).toBe(42);
    await failure(storage.create('/a', object('a')));
    await storage.guaranteedUpdate('/a', (current) => current.object);
    await failure(storage.guaranteedUpdate('/a', () => Promise.reject(new Error('no'))));
    expect((await storage.guaranteedUpdate('/a', (current) => ({ ...current.object, spec: { n: 1 } }))).resourceVersion).toBe(43);
    expect((await storage.delete('/a')).resourceVersion).toBe(44);
    expect(await storage.currentResourceVersion()).toBe(44);
  });

  it('hands out frozen items that cannot be changed', async () => {
    const storage = new MemoryStorage();
    const item = await storage.create('/a', object('a', { list: [{ x: 1 }] }));
    expect(() => {
      (item.object.spec as { list: { x: number }[] }).list[0]!.x = 2;
    }).toThrow(TypeError);
    expect(() => {
      (item as { bytes: Uint8Array }).bytes = new Uint8Array();
    }).toThrow(TypeError);
  });

  it('rejects invalid options', () => {
    expect(() => new MemoryStorage({ historyWindow: -1 })).toThrow(RangeError);
    expect(() => new MemoryStorage({ maxWatchQueue: 0 })).toThrow(RangeError);
    expect(() => new MemoryStorage({ initialResourceVersion: 1.5 })).toThrow(RangeError);
  });
});

describe('MemoryStorage history window', () => {
  it('expires watches from revisions whose later changes are no longer all kept', async () => {
    const storage = new MemoryStorage({ historyWindow: 3 });
    for (const name of ['a', 'b', 'c', 'd', 'e']) await storage.create(`/${name}`, object(name));
    // Revisions 3, 4 and 5 are kept: a watch from 2 on still sees every change after it.
    const watch = await storage.watch('/', { resourceVersion: 2 });
    expect((await watch.nextBatch())!.map((item) => item.resourceVersion)).toEqual([3, 4, 5]);
    const error = await failure(storage.watch('/', { resourceVersion: 1 }));
    expect(isStorageError(error, 'Expired')).toBe(true);
    expect(error).toMatchObject({ message: 'too old resource version: 1 (2)', details: { requested: 1, current: 5, oldest: 2 } });
  });

  it('expires a continue token once its snapshot leaves the window, offering a token at the current revision', async () => {
    const storage = new MemoryStorage({ historyWindow: 2 });
    for (const name of ['a', 'b', 'c']) await storage.create(`/${name}`, object(name));
    const first = await storage.list('/', { limit: 1 });
    await storage.delete('/b');
    expect((await storage.list('/', { limit: 1, continue: first.continue })).items.map((item) => item.key)).toEqual(['/b']);
    await storage.create('/d', object('d'));
    await storage.create('/e', object('e'));
    const error = await failure(storage.list('/', { limit: 1, continue: first.continue }));
    expect(error).toMatchObject({ code: 'Expired', details: { requested: 3, current: 6, oldest: 4 } });
    const fresh = await storage.list('/', { continue: (error as { details: { continue: string } }).details.continue });
    expect(fresh.resourceVersion).toBe(6);
    expect(fresh.items.map((item) => item.key)).toEqual(['/c', '/d', '/e']);
  });

  it('reads exact revisions back to the oldest kept one, across deletions and re-creations', async () => {
    const storage = new MemoryStorage({ historyWindow: 4 });
    await storage.create('/a', object('a', { v: 1 }));
    await storage.create('/b', object('b'));
    await storage.guaranteedUpdate('/a', (current) => ({ ...current.object, spec: { v: 2 } }));
    await storage.delete('/a');
    await storage.create('/a', object('a', { v: 3 }));
    await storage.delete('/b');
    const at = async (resourceVersion: number) =>
      (await storage.list('/', { resourceVersion, resourceVersionMatch: 'Exact' })).items.map((item) => `${item.key}:${JSON.stringify(item.object.spec)}`);
    expect(await at(2)).toEqual(['/a:{"v":1}', '/b:{}']);
    expect(await at(3)).toEqual(['/a:{"v":2}', '/b:{}']);
    expect(await at(4)).toEqual(['/b:{}']);
    expect(await at(5)).toEqual(['/a:{"v":3}', '/b:{}']);
    expect(await at(6)).toEqual(['/a:{"v":3}']);
    expect(await failure(storage.list('/', { resourceVersion: 1, resourceVersionMatch: 'Exact' }))).toMatchObject({ code: 'Expired' });
  });

  it('reads every kept revision exactly as it was, whatever has left the window', async () => {
    const write = fc.record({ name: fc.constantFrom('a', 'b', 'c', 'd'), remove: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(write, { maxLength: 40 }), fc.nat(8), async (writes, historyWindow) => {
        const storage = new MemoryStorage({ historyWindow });
        const model = new Map<string, string>();
        const states = [new Map(model)];
        for (const { name, remove } of writes) {
          const key = `/${name}`;
          if (!model.has(key)) model.set(key, jsonOf(await storage.create(key, object(name))));
          else if (remove) model.delete((await storage.delete(key)).key);
          else model.set(key, jsonOf(await storage.guaranteedUpdate(key, (current) => ({ ...current.object, spec: { rv: current.resourceVersion } }))));
          states.push(new Map(model));
        }
        const current = states.length - 1;
        for (let resourceVersion = Math.max(1, current - historyWindow); resourceVersion <= current; resourceVersion++) {
          const list = await storage.list('/', { resourceVersion, resourceVersionMatch: 'Exact' });
          expect(list.items.map((item) => [item.key, jsonOf(item)])).toEqual([...states[resourceVersion]!].sort(([a], [b]) => (a < b ? -1 : 1)));
        }
        if (current - historyWindow > 1) {
          const error = await failure(storage.list('/', { resourceVersion: current - historyWindow - 1, resourceVersionMatch: 'Exact' }));
          expect(error).toMatchObject({ code: 'Expired' });
        }
      }),
      { numRuns: 100 },
    );
  });

  it('reads the exact revision for a legacy list with resourceVersion and limit', async () => {
    const storage = new MemoryStorage();
    await storage.create('/a', object('a'));
    await storage.create('/b', object('b'));
    const legacy = await storage.list('/', { resourceVersion: 1, limit: 10 });
    expect([legacy.resourceVersion, legacy.items.length]).toEqual([1, 1]);
    expect((await storage.list('/', { resourceVersion: 1 })).resourceVersion).toBe(2);
  });

  it('compact() forgets history like an etcd compaction', async () => {
    const storage = new MemoryStorage();
    for (const name of ['a', 'b', 'c']) await storage.create(`/${name}`, object(name));
    await storage.compact(2);
    await storage.watch('/', { resourceVersion: 2 });
    expect(await failure(storage.watch('/', { resourceVersion: 1 }))).toMatchObject({ code: 'Expired' });
  });
});

describe('MemoryStorage list cost', () => {
  it('touches about one page of a large store, wherever the page starts', async () => {
    const storage = new MemoryStorage();
    for (let i = 0; i < 5000; i++) await storage.create(`/pods/${String(i).padStart(5, '0')}`, object(`p${i}`));
    let calls = 0;
    const predicate = () => ++calls > 0;
    const first = await storage.list('/pods/', { limit: 10, predicate });
    expect(calls).toBe(11);
    calls = 0;
    await storage.delete('/pods/00000');
    const next = await storage.list('/pods/', { limit: 10, predicate, continue: first.continue });
    expect(calls).toBe(11);
    expect(next.items[0]!.key).toBe('/pods/00010');
  });

  it('counts the remaining items exactly on the latest state without a predicate', async () => {
    const storage = new MemoryStorage();
    for (const name of ['a', 'b', 'c', 'd']) await storage.create(`/x/${name}`, object(name));
    await storage.create('/y/a', object('a'));
    expect((await storage.list('/x/', { limit: 1 })).remainingItemCount).toBe(3);
    expect((await storage.list('/x/', { limit: 1, predicate: () => true })).remainingItemCount).toBeUndefined();
    expect((await storage.list('/x/', { limit: 4 })).remainingItemCount).toBeUndefined();
  });
});
