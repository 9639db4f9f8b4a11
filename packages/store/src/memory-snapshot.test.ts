import { describe, expect, it } from 'vitest';
import { MemoryStorage } from './memory-storage.js';
import type { StoredObject } from './storage.js';
import { WatchReader, describeItems } from './testing/index.js';

const object = (name: string, spec: Record<string, unknown> = {}): StoredObject => ({ metadata: { name, uid: `uid-${name}` }, spec });

async function state(storage: MemoryStorage): Promise<Record<string, unknown>> {
  const { items } = await storage.list('/');
  return Object.fromEntries(items.map((item) => [item.key, item.object.spec]));
}

async function seeded(): Promise<MemoryStorage> {
  const storage = new MemoryStorage();
  for (const name of ['a', 'b', 'c']) await storage.create(`/x/${name}`, object(name, { v: 0 }));
  return storage;
}

describe('MemoryStorage snapshot and restore', () => {
  it('undoes creates, updates and deletes with new, increasing resourceVersions', async () => {
    const storage = await seeded();
    const snapshot = storage.snapshot();
    expect([snapshot.resourceVersion, snapshot.size]).toEqual([3, 3]);
    const before = await state(storage);
    const untouched = await storage.get('/x/c');
    await storage.create('/x/d', object('d'));
    await storage.guaranteedUpdate('/x/a', (current) => ({ ...current.object, spec: { v: 1 } }));
    await storage.delete('/x/b');
    const result = await storage.restore(snapshot);
    expect(result).toEqual({ resourceVersion: 9, changed: ['/x/a', '/x/b', '/x/d'] });
    expect(await state(storage)).toEqual(before);
    expect((await storage.get('/x/a')).resourceVersion).toBe(7);
    expect((await storage.get('/x/a')).object.metadata?.resourceVersion).toBe('7');
    expect((await storage.get('/x/b')).object.metadata?.uid).toBe('uid-b');
    expect(await storage.get('/x/c')).toBe(untouched);
    expect(await storage.currentResourceVersion()).toBe(9);
  });

  it('shows a watcher exactly the difference, in key order', async () => {
    const storage = await seeded();
    const snapshot = storage.snapshot();
    await storage.create('/x/d', object('d'));
    await storage.guaranteedUpdate('/x/a', (current) => ({ ...current.object, spec: { v: 1 } }));
    await storage.delete('/x/b');
    await storage.guaranteedUpdate('/x/c', (current) => ({ ...current.object, spec: { v: 0 } }));
    const reader = new WatchReader(await storage.watch('/x/', { resourceVersion: await storage.currentResourceVersion() }));
    await storage.restore(snapshot);
    expect(describeItems(await reader.take(3))).toEqual(['MODIFIED /x/a@7', 'ADDED /x/b@8', 'DELETED /x/d@9']);
    reader.watch.stop();
  });

  it('changes nothing when nothing changed, and restores the same snapshot again and again', async () => {
    const storage = await seeded();
    const snapshot = storage.snapshot();
    expect(await storage.restore(snapshot)).toEqual({ resourceVersion: 3, changed: [] });
    await storage.create('/x/d', object('d'));
    expect((await storage.restore(snapshot)).changed).toEqual(['/x/d']);
    await storage.guaranteedUpdate('/x/a', (current) => ({ ...current.object, spec: { v: 2 } }));
    expect(await storage.restore(snapshot)).toEqual({ resourceVersion: 7, changed: ['/x/a'] });
    expect(await storage.restore(snapshot)).toEqual({ resourceVersion: 7, changed: [] });
    expect((await storage.get('/x/a')).object.spec).toEqual({ v: 0 });
  });

  it('walks every key when the history no longer reaches the snapshot, with the same outcome', async () => {
    const storage = new MemoryStorage({ historyWindow: 2 });
    for (const name of ['a', 'b', 'c']) await storage.create(`/x/${name}`, object(name, { v: 0 }));
    const snapshot = storage.snapshot();
    for (let v = 1; v <= 3; v++) await storage.guaranteedUpdate('/x/a', (current) => ({ ...current.object, spec: { v } }));
    await storage.delete('/x/b');
    await storage.compact();
    expect((await storage.restore(snapshot)).changed).toEqual(['/x/a', '/x/b']);
    expect(await state(storage)).toEqual({ '/x/a': { v: 0 }, '/x/b': { v: 0 }, '/x/c': { v: 0 } });
  });

  it('keeps continue tokens of earlier revisions valid', async () => {
    const storage = await seeded();
    const snapshot = storage.snapshot();
    const first = await storage.list('/x/', { limit: 1 });
    await storage.delete('/x/c');
    await storage.restore(snapshot);
    const rest = await storage.list('/x/', { continue: first.continue });
    expect(rest.items.map((item) => item.key)).toEqual(['/x/b', '/x/c']);
  });

  it('refuses a snapshot of another store', async () => {
    const other = (await seeded()).snapshot();
    await expect((await seeded()).restore(other)).rejects.toThrow(/another store/);
  });
});
