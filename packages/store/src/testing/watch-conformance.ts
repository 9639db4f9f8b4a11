import { describe, expect, it } from 'vitest';
import type { Storage, WatchEvent, WatchItem } from '../storage.js';
import {
  type MakeStorage,
  type TestObject,
  WatchReader,
  describeItems,
  jsonOf,
  key,
  storageError,
  testObject,
  useStorage,
} from './helpers.js';

const isEventFor = (name: string) => (item: WatchItem) => 'key' in item && item.key === key(name);

export function watchConformance<S extends Storage>(makeStorage: MakeStorage<S>): void {
  const storage = useStorage(makeStorage);
  const update = (name: string, spec: Record<string, unknown>, labels?: Record<string, string>) =>
    storage().guaranteedUpdate<TestObject>(key(name), (item) => ({
      ...item.object,
      metadata: { ...item.object.metadata, ...(labels && { labels }) },
      spec,
    }));

  describe('watch', () => {
    it('delivers every change after its revision, in order, with objects and previous versions', async () => {
      const start = await storage().create(key('a'), testObject('a'));
      const reader = new WatchReader(await storage().watch('/pods/ns/', { resourceVersion: start.resourceVersion }));
      const created = await storage().create(key('b'), testObject('b'));
      const updated = await update('b', { n: 1 });
      const deleted = await storage().delete(key('b'));
      await storage().create(key('x', '/pods/ns2/'), testObject('x'));
      const events = (await reader.take(3)) as WatchEvent[];
      expect(describeItems(events)).toEqual([
        `ADDED ${key('b')}@${created.resourceVersion}`,
        `MODIFIED ${key('b')}@${updated.resourceVersion}`,
        `DELETED ${key('b')}@${deleted.resourceVersion}`,
      ]);
      expect(events.map((event) => jsonOf(event))).toEqual([jsonOf(created), jsonOf(updated), jsonOf(deleted)]);
      expect(events[1]!.previous).toEqual(created.object);
      expect(events[2]!.previous).toEqual(updated.object);
      expect(events[2]!.object).toEqual(deleted.object);
      for (const event of events) expect(jsonOf(event)).toBe(JSON.stringify(event.object));
    });

    it('starts with synthetic ADDED events for the current state when no resourceVersion is given', async () => {
      const a = await storage().create(key('a'), testObject('a'));
      await storage().create(key('b'), testObject('b'));
      const b = await update('b', { n: 1 });
      await storage().create(key('gone'), testObject('gone'));
      await storage().delete(key('gone'));
      const reader = new WatchReader(await storage().watch('/pods/ns/'));
      const c = await storage().create(key('c'), testObject('c'));
      const items = await reader.until(isEventFor('c'));
      expect(describeItems(items)).toEqual([
        `ADDED ${key('a')}@${a.resourceVersion}`,
        `ADDED ${key('b')}@${b.resourceVersion}`,
        `ADDED ${key('c')}@${c.resourceVersion}`,
      ]);
      expect(jsonOf(items[1] as WatchEvent)).toBe(jsonOf(b));
    });

    it('replays the changes after a past revision, then continues live', async () => {
      const a = await storage().create(key('a'), testObject('a'));
      const b = await storage().create(key('b'), testObject('b'));
      const a2 = await update('a', { n: 2 });
      const reader = new WatchReader(await storage().watch('/pods/ns/', { resourceVersion: a.resourceVersion }));
      const c = await storage().create(key('c'), testObject('c'));
      expect(describeItems(await reader.take(3))).toEqual([
        `ADDED ${key('b')}@${b.resourceVersion}`,
        `MODIFIED ${key('a')}@${a2.resourceVersion}`,
        `ADDED ${key('c')}@${c.resourceVersion}`,
      ]);
    });

    it('sends initial events, then the initial-events-end bookmark, then changes', async () => {
      const a = await storage().create(key('a'), testObject('a'));
      const b = await storage().create(key('b'), testObject('b'));
      const reader = new WatchReader(await storage().watch('/pods/ns/', { sendInitialEvents: true, resourceVersion: a.resourceVersion }));
      const c = await storage().create(key('c'), testObject('c'));
      const items = await reader.take(4);
      expect(describeItems(items.slice(0, 2))).toEqual([`ADDED ${key('a')}@${a.resourceVersion}`, `ADDED ${key('b')}@${b.resourceVersion}`]);
      expect(items[2]).toEqual({ type: 'BOOKMARK', resourceVersion: items[2]!.resourceVersion, initialEventsEnd: true });
      expect(items[2]!.resourceVersion).toBeGreaterThanOrEqual(b.resourceVersion);
      expect(items[2]!.resourceVersion).toBeLessThan(c.resourceVersion);
      expect(describeItems(items.slice(3))).toEqual([`ADDED ${key('c')}@${c.resourceVersion}`]);
    });

    it('ends the initial events with a bookmark even when there is nothing to send', async () => {
      const reader = new WatchReader(await storage().watch('/empty/', { sendInitialEvents: true }));
      const [bookmark] = await reader.take(1);
      expect(bookmark).toMatchObject({ type: 'BOOKMARK', initialEventsEnd: true });
    });

    it('turns changes across a selector into ADDED and DELETED for that watcher (the cacher rule)', async () => {
      await storage().create(key('a'), testObject('a', { app: 'web' }));
      const start = await storage().create(key('b'), testObject('b', { app: 'db' }));
      const predicate = (object: Readonly<TestObject>) => object.metadata.labels?.app === 'web';
      const web = new WatchReader(await storage().watch<TestObject>('/pods/ns/', { resourceVersion: start.resourceVersion, predicate }));
      const leaves = await update('a', { n: 1 }, { app: 'db' });
      const enters = await update('b', { n: 1 }, { app: 'web' });
      const stays = await update('b', { n: 2 });
      await update('a', { n: 3 });
      await storage().delete(key('a'));
      const deleted = await storage().delete(key('b'));
      await storage().create(key('c'), testObject('c', { app: 'web' }));
      const events = (await web.until(isEventFor('c'))) as WatchEvent<TestObject>[];
      expect(describeItems(events)).toEqual([
        `DELETED ${key('a')}@${leaves.resourceVersion}`,
        `ADDED ${key('b')}@${enters.resourceVersion}`,
        `MODIFIED ${key('b')}@${stays.resourceVersion}`,
        `DELETED ${key('b')}@${deleted.resourceVersion}`,
        `ADDED ${key('c')}@${events[4]!.resourceVersion}`,
      ]);
      // The DELETED for an object leaving the selector carries its last matching state, at the change's revision.
      expect(events[0]!.object.metadata.labels).toEqual({ app: 'web' });
      expect(events[0]!.object.metadata.resourceVersion).toBe(String(leaves.resourceVersion));
      expect(jsonOf(events[0]!)).toBe(JSON.stringify(events[0]!.object));
      expect(jsonOf(events[1]!)).toBe(jsonOf(enters));
    });

    it('applies the selector to initial events too', async () => {
      await storage().create(key('a'), testObject('a', { app: 'web' }));
      await storage().create(key('b'), testObject('b', { app: 'db' }));
      const predicate = (object: Readonly<TestObject>) => object.metadata.labels?.app === 'web';
      const reader = new WatchReader(await storage().watch<TestObject>('/pods/ns/', { sendInitialEvents: true, predicate }));
      const items = await reader.take(2);
      expect(describeItems(items.slice(0, 1))).toEqual([expect.stringMatching(`^ADDED ${key('a')}@`)]);
      expect(items[1]).toMatchObject({ type: 'BOOKMARK', initialEventsEnd: true });
    });

    it('queues a requested progress bookmark after every change it covers, when the backend supports it', async () => {
      const start = await storage().create(key('a'), testObject('a'));
      const watch = await storage().watch('/pods/ns/', { resourceVersion: start.resourceVersion });
      if (watch.requestBookmark === undefined) return;
      const b = await storage().create(key('b'), testObject('b'));
      await storage().create(key('x', '/pods/ns2/'), testObject('x'));
      watch.requestBookmark();
      const c = await storage().create(key('c'), testObject('c'));
      const items = await new WatchReader(watch).take(3);
      expect(describeItems([items[0]!, items[2]!])).toEqual([`ADDED ${key('b')}@${b.resourceVersion}`, `ADDED ${key('c')}@${c.resourceVersion}`]);
      expect(items[1]).toMatchObject({ type: 'BOOKMARK', initialEventsEnd: false });
      expect(items[1]!.resourceVersion).toBeGreaterThanOrEqual(b.resourceVersion);
      expect(items[1]!.resourceVersion).toBeLessThan(c.resourceVersion);
    });

    it('stop() ends the watch and resolves a pending nextBatch with undefined', async () => {
      const watch = await storage().watch('/pods/ns/', { resourceVersion: await storage().currentResourceVersion() });
      const pending = watch.nextBatch();
      watch.stop();
      expect(await pending).toBeUndefined();
      expect(watch.ended).toEqual({ reason: 'stopped' });
      await storage().create(key('a'), testObject('a'));
      expect(await watch.nextBatch()).toBeUndefined();
    });

    it('can be consumed with for await, and breaking out stops it', async () => {
      const watch = await storage().watch('/pods/ns/', { resourceVersion: await storage().currentResourceVersion() });
      await storage().create(key('a'), testObject('a'));
      await storage().create(key('b'), testObject('b'));
      const seen: string[] = [];
      for await (const item of watch) {
        seen.push(describeItems([item])[0]!);
        if (seen.length === 2) break;
      }
      expect(seen).toHaveLength(2);
      expect(watch.ended).toEqual({ reason: 'stopped' });
    });

    it('close() ends every watch', async () => {
      const watch = await storage().watch('/pods/ns/');
      const pending = watch.nextBatch();
      await storage().close();
      expect(await pending).toBeUndefined();
      expect(watch.ended).toBeDefined();
    });

    it('fails with TooLargeResourceVersion for a revision the store has not reached', async () => {
      const current = await storage().currentResourceVersion();
      await storageError(storage().watch('/pods/ns/', { resourceVersion: current + 100 }), 'TooLargeResourceVersion');
    });

    it('fails with Expired for a revision older than the kept history', async () => {
      const a = await storage().create(key('a'), testObject('a'));
      await storage().create(key('b'), testObject('b'));
      await storage().compact();
      const error = await storageError(storage().watch('/pods/ns/', { resourceVersion: a.resourceVersion }), 'Expired');
      expect(error.message).toMatch(/^too old resource version: /);
      expect(error).toMatchObject({ details: { requested: a.resourceVersion } });
    });
  });
}
