import { describe, expect, it } from 'vitest';
import type { ListOptions, ListResult, Storage } from '../storage.js';
import { type MakeStorage, type TestObject, jsonOf, key, storageError, testObject, useStorage } from './helpers.js';

const keysOf = (result: ListResult) => result.items.map((item) => item.key);

/** Reads every page of a paged list, running `between` after each page but the last. */
export async function listAllPages(
  storage: Storage,
  prefix: string,
  options: ListOptions,
  between: (page: number) => Promise<void> = async () => {},
): Promise<ListResult[]> {
  const pages = [await storage.list(prefix, options)];
  while (pages.at(-1)!.continue !== undefined) {
    await between(pages.length);
    pages.push(await storage.list(prefix, { ...options, continue: pages.at(-1)!.continue }));
  }
  return pages;
}

export function listConformance<S extends Storage>(makeStorage: MakeStorage<S>): void {
  const storage = useStorage(makeStorage);
  const seed = async (names: string[], prefix = '/pods/ns/') => {
    for (const name of names) await storage().create(key(name, prefix), testObject(name, { parity: name.length % 2 ? 'odd' : 'even' }));
  };

  describe('list', () => {
    it('returns the keys under the prefix in plain string order, at a revision covering them all', async () => {
      await seed(['b', 'a-1', 'a', 'B', 'a/x', '10', '9']);
      await seed(['other'], '/pods/ns2/');
      await seed(['outside'], '/services/ns/');
      const result = await storage().list('/pods/ns/');
      expect(keysOf(result)).toEqual(['10', '9', 'B', 'a', 'a-1', 'a/x', 'b'].map((name) => key(name)));
      expect(result.continue).toBeUndefined();
      for (const item of result.items) expect(result.resourceVersion).toBeGreaterThanOrEqual(item.resourceVersion);
      expect(result.resourceVersion).toBe(await storage().currentResourceVersion());
      expect(keysOf(await storage().list('/pods/'))).toHaveLength(8);
      expect(keysOf(await storage().list('/nothing/'))).toEqual([]);
    });

    it('returns the same bytes as get', async () => {
      await seed(['a']);
      const [item] = (await storage().list('/pods/ns/')).items;
      expect(jsonOf(item!)).toBe(jsonOf(await storage().get(key('a'))));
    });

    it('filters with the predicate and counts only matching items against the limit', async () => {
      await seed(['a', 'bb', 'c', 'dd', 'e', 'ff', 'g']);
      const predicate = (object: Readonly<TestObject>) => object.metadata.labels?.parity === 'odd';
      expect(keysOf(await storage().list<TestObject>('/pods/ns/', { predicate }))).toEqual(['a', 'c', 'e', 'g'].map((n) => key(n)));
      const pages = await listAllPages(storage(), '/pods/ns/', { predicate: predicate as ListOptions['predicate'], limit: 3 });
      expect(pages.map(keysOf)).toEqual([['a', 'c', 'e'].map((n) => key(n)), [key('g')]]);
    });

    it('pages with limit and continue, every page at the first page revision', async () => {
      await seed(['a', 'b', 'c', 'd', 'e']);
      const pages = await listAllPages(storage(), '/pods/ns/', { limit: 2 });
      expect(pages.map(keysOf)).toEqual([[key('a'), key('b')], [key('c'), key('d')], [key('e')]]);
      expect(new Set(pages.map((page) => page.resourceVersion)).size).toBe(1);
      for (const [index, page] of pages.entries()) {
        if (page.remainingItemCount !== undefined) expect(page.remainingItemCount).toBe(3 - 2 * index);
      }
    });

    it('keeps later pages at the first page snapshot while writes go on', async () => {
      await seed(['a', 'b', 'c', 'd', 'e']);
      const first = await storage().list('/pods/ns/', { limit: 2 });
      const before = await storage().get(key('d'));
      await storage().delete(key('c'));
      await storage().create(key('cc'), testObject('cc'));
      await storage().guaranteedUpdate<TestObject>(key('d'), (item) => ({ ...item.object, spec: { changed: true } }));
      await storage().create(key('f'), testObject('f'));
      await storage().delete(key('a'));
      const rest = await storage().list('/pods/ns/', { limit: 10, continue: first.continue });
      expect(rest.resourceVersion).toBe(first.resourceVersion);
      expect(keysOf(rest)).toEqual([key('c'), key('d'), key('e')]);
      expect(jsonOf(rest.items[1]!)).toBe(jsonOf(before));
      expect(rest.continue).toBeUndefined();
      expect(keysOf(await storage().list('/pods/ns/'))).toEqual(['b', 'cc', 'd', 'e', 'f'].map((n) => key(n)));
    });

    it('reads an older revision with resourceVersionMatch Exact', async () => {
      await seed(['a', 'b']);
      const then = await storage().list('/pods/ns/');
      await storage().delete(key('a'));
      await seed(['c']);
      const exact = await storage().list('/pods/ns/', { resourceVersion: then.resourceVersion, resourceVersionMatch: 'Exact' });
      expect(exact.resourceVersion).toBe(then.resourceVersion);
      expect(exact.items.map((item) => jsonOf(item))).toEqual(then.items.map((item) => jsonOf(item)));
      const notOlder = await storage().list('/pods/ns/', { resourceVersion: then.resourceVersion, resourceVersionMatch: 'NotOlderThan' });
      expect(notOlder.resourceVersion).toBeGreaterThanOrEqual(then.resourceVersion);
    });

    it('fails with TooLargeResourceVersion for a revision the store has not reached', async () => {
      const current = await storage().currentResourceVersion();
      const error = await storageError(storage().list('/pods/ns/', { resourceVersion: current + 100, resourceVersionMatch: 'NotOlderThan' }), 'TooLargeResourceVersion');
      expect(error).toMatchObject({ details: { requested: current + 100 } });
      await storageError(storage().list('/pods/ns/', { resourceVersion: current + 100, resourceVersionMatch: 'Exact' }), 'TooLargeResourceVersion');
    });

    it('fails with InvalidContinue for a token it did not issue, or with a resourceVersion', async () => {
      await seed(['a', 'b']);
      await storageError(storage().list('/pods/ns/', { continue: 'not-a-token' }), 'InvalidContinue');
      await storageError(storage().list('/pods/ns/', { continue: '%%%' }), 'InvalidContinue');
      const first = await storage().list('/pods/ns/', { limit: 1 });
      await storageError(storage().list('/pods/ns/', { continue: first.continue, resourceVersion: first.resourceVersion }), 'InvalidContinue');
    });

    it('fails with Expired for a continue token or exact revision older than the kept history', async () => {
      await seed(['a', 'b', 'c']);
      const first = await storage().list('/pods/ns/', { limit: 1 });
      await seed(['d']);
      await storage().compact();
      const error = await storageError(storage().list('/pods/ns/', { limit: 1, continue: first.continue }), 'Expired');
      expect(error).toMatchObject({ details: { requested: first.resourceVersion } });
      await storageError(storage().list('/pods/ns/', { resourceVersion: first.resourceVersion, resourceVersionMatch: 'Exact' }), 'Expired');
    });
  });
}
