import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isStorageError } from '../errors.js';
import type { Storage, StoredItem } from '../storage.js';
import { type MakeStorage, type TestObject, WatchReader, describeItems, jsonOf, testObject } from './helpers.js';

const NAMES = ['a', 'b', 'c', 'd', 'e', 'f'];

/** One write: creates the key when absent; otherwise updates it, or deletes it when `remove`. */
const writeArb = fc.record({ dir: fc.constantFrom('/p/x/', '/p/y/'), name: fc.constantFrom(...NAMES), remove: fc.boolean() });
type Write = typeof writeArb extends fc.Arbitrary<infer W> ? W : never;

interface Written {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  item: StoredItem;
  /** The version before a MODIFIED or DELETED write. */
  previous?: StoredItem;
}

async function apply(storage: Storage, write: Write): Promise<Written> {
  const key = write.dir + write.name;
  let previous: StoredItem | undefined;
  try {
    if (write.remove) {
      previous = await storage.get(key);
      return { type: 'DELETED', item: await storage.delete(key, { preconditions: { resourceVersion: String(previous.resourceVersion) } }), previous };
    }
    const item = await storage.guaranteedUpdate<TestObject>(key, (current) => {
      previous = current;
      return { ...current.object, spec: { n: Number(current.object.spec?.n ?? 0) + 1 } };
    });
    return { type: 'MODIFIED', item, previous };
  } catch (error) {
    if (!isStorageError(error, 'KeyNotFound')) throw error;
    return { type: 'ADDED', item: await storage.create(key, testObject(write.name, { dir: write.dir })) };
  }
}

/** Selects objects whose `spec.n` is even: every update flips it, so watchers see objects enter and leave. */
const isEven = (object: Readonly<TestObject>) => Number(object.spec?.n ?? 0) % 2 === 0;

/**
 * What a watcher with `predicate` should see of the writes, by the cacher rule: an update that
 * makes an object match is ADDED, one that makes it stop matching is DELETED.
 */
function describeWritten(written: readonly Written[], predicate?: (object: Readonly<TestObject>) => boolean): string[] {
  const seen: string[] = [];
  for (const { type, item, previous } of written) {
    let shown: string | undefined = type;
    if (predicate !== undefined) {
      const now = type !== 'DELETED' && predicate(item.object as TestObject);
      const before = previous !== undefined && predicate(previous.object as TestObject);
      shown = now ? (before ? type : 'ADDED') : before ? 'DELETED' : undefined;
    }
    if (shown !== undefined) seen.push(`${shown} ${item.key}@${item.resourceVersion}`);
  }
  return seen;
}

/** A timer or microtask wait, so concurrent tryUpdates interleave in many orders. */
const pause = (kind: number) =>
  kind === 0 ? Promise.resolve() : new Promise<void>((resolve) => (kind === 1 ? setImmediate(resolve) : setTimeout(resolve, 0)));

export function propertyConformance<S extends Storage>(makeStorage: MakeStorage<S>): void {
  const withStorage = async (run: (storage: S) => Promise<void>) => {
    const storage = await makeStorage();
    try {
      await run(storage);
    } finally {
      await storage.close();
    }
  };

  describe('properties', () => {
    it('every watcher sees every change after its start, in revision order, without gaps or duplicates', async () => {
      const watcherArb = fc.record({
        at: fc.nat(),
        prefix: fc.constantFrom('/p/', '/p/x/', '/p/y/'),
        back: fc.nat(4),
        selective: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(writeArb, { minLength: 1, maxLength: 30 }), fc.array(watcherArb, { minLength: 1, maxLength: 4 }), (writes, watchers) =>
          withStorage(async (storage) => {
            const log: Written[] = [];
            const started: { reader: WatchReader; prefix: string; since: number; predicate?: typeof isEven }[] = [];
            for (let step = 0; step <= writes.length; step++) {
              for (const { at, prefix, back, selective } of watchers) {
                if (at % (writes.length + 1) !== step) continue;
                // Start at the current revision, or a few writes back (replayed from history).
                const since = log.at(-1 - back)?.item.resourceVersion ?? (await storage.currentResourceVersion());
                const predicate = selective ? isEven : undefined;
                const watch = await storage.watch(prefix, { resourceVersion: since, sendInitialEvents: false, predicate });
                started.push({ reader: new WatchReader(watch), prefix, since, predicate });
              }
              if (step < writes.length) log.push(await apply(storage, writes[step]!));
            }
            for (const [index, { prefix }] of started.entries()) {
              log.push({ type: 'ADDED', item: await storage.create(`${prefix}~end${index}`, testObject(`end${index}`)) });
            }
            for (const [index, { reader, prefix, since, predicate }] of started.entries()) {
              const endKey = `${prefix}~end${index}`;
              const seen = await reader.until((item) => 'key' in item && item.key === endKey);
              const after = log.filter(({ item }) => item.key.startsWith(prefix) && item.resourceVersion > since);
              const expected = after.slice(0, after.findIndex(({ item }) => item.key === endKey) + 1);
              expect(describeItems(seen)).toEqual(describeWritten(expected, predicate));
            }
          }),
        ),
        { numRuns: 60 },
      );
    });

    it('a paged list equals the full list at the first page revision, whatever is written between pages', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(writeArb, { maxLength: 20 }),
          fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 10 }),
          fc.array(fc.array(writeArb, { maxLength: 3 }), { maxLength: 10 }),
          (seed, limits, between) =>
            withStorage(async (storage) => {
              const model = new Map<string, string>();
              const track = ({ type, item }: Written) => (type === 'DELETED' ? model.delete(item.key) : model.set(item.key, jsonOf(item)));
              for (const write of seed) track(await apply(storage, write));
              const expected = [...model].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
              const pages = [await storage.list('/p/', { limit: limits[0]! })];
              while (pages.at(-1)!.continue !== undefined) {
                for (const write of between[pages.length - 1] ?? []) track(await apply(storage, write));
                pages.push(await storage.list('/p/', { limit: limits[pages.length % limits.length]!, continue: pages.at(-1)!.continue }));
              }
              expect(new Set(pages.map((page) => page.resourceVersion))).toEqual(new Set([pages[0]!.resourceVersion]));
              expect(pages.flatMap((page) => page.items.map((item) => [item.key, jsonOf(item)]))).toEqual(expected);
            }),
        ),
        { numRuns: 40 },
      );
    });

    it('concurrent guaranteedUpdates with async tryUpdate lose no write', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.array(fc.nat(2), { maxLength: 3 }), { minLength: 1, maxLength: 10 }), (plans) =>
          withStorage(async (storage) => {
            const created = await storage.create('/p/counter', { ...testObject('counter'), spec: { count: 0 } });
            const reader = new WatchReader(await storage.watch('/p/', { resourceVersion: created.resourceVersion }));
            await Promise.all(
              plans.map((plan) =>
                storage.guaranteedUpdate<TestObject>('/p/counter', async (current) => {
                  for (const kind of plan) await pause(kind);
                  return { ...current.object, spec: { count: Number(current.object.spec?.count) + 1 } };
                }),
              ),
            );
            const final = await storage.get<TestObject>('/p/counter');
            expect(final.object.spec?.count).toBe(plans.length);
            const events = await reader.take(plans.length);
            expect(events.map((event) => ('object' in event ? (event.object as TestObject).spec?.count : undefined))).toEqual(
              plans.map((_, index) => index + 1),
            );
          }),
        ),
        { numRuns: 25 },
      );
    });
  });
}
