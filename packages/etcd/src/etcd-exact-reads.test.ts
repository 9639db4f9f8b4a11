import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { type StoredObject, isStorageError } from '@kubekit/store';
import { type EtcdProcess, etcdAvailable, startEtcd } from './testing/index.js';
import { EtcdStorage } from './etcd-storage.js';

const available = etcdAvailable();

let etcd: EtcdProcess;
let keySpace = 0;

async function open(prefix: string, historyWindow?: number): Promise<EtcdStorage> {
  const storage = await EtcdStorage.open({ etcd: { servers: [etcd.endpoint] }, prefix, compactionInterval: 0, ...(historyWindow !== undefined && { historyWindow }) });
  onTestFinished(() => storage.close());
  return storage;
}

const configMap = (name: string, data: Record<string, string> = {}): StoredObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data });
const names = (items: { object: StoredObject }[]) => items.map((item) => item.object.metadata?.name);

describe.runIf(available)('exact reads older than the watch cache, from etcd (kube-apiserver reads etcd at the revision)', () => {
  beforeAll(async () => {
    etcd = await startEtcd();
  }, 60_000);

  afterAll(async () => {
    await etcd?.destroy();
  });

  it('continue a paged list on a server whose cache began after it, with the same items and tokens either can read', async () => {
    const prefix = `/exact-${++keySpace}`;
    const first = await open(prefix);
    for (let i = 0; i < 7; i++) await first.create(`/core/configmaps/default/cm-${i}`, configMap(`cm-${i}`));
    const page1 = await first.list('/core/configmaps/default/', { limit: 3 });
    // Changes after the snapshot are not in its pages.
    await first.delete('/core/configmaps/default/cm-4');
    await first.create('/core/configmaps/default/cm-9', configMap('cm-9'));

    const second = await open(prefix);
    await expect(second.list('/core/configmaps/default/', { resourceVersion: page1.resourceVersion, resourceVersionMatch: 'Exact' })).resolves.toBeDefined();
    const page2 = await second.list('/core/configmaps/default/', { limit: 3, continue: page1.continue! });
    expect(names(page1.items)).toEqual(['cm-0', 'cm-1', 'cm-2']);
    expect(names(page2.items)).toEqual(['cm-3', 'cm-4', 'cm-5']);
    expect(page2).toMatchObject({ resourceVersion: page1.resourceVersion, remainingItemCount: 1 });
    expect(page2.items.map((item) => item.resourceVersion)).toEqual(page2.items.map((item) => Number(item.object.metadata?.resourceVersion)));
    // The token etcd's page gave is one the first server's cache reads too.
    const page3 = await first.list('/core/configmaps/default/', { limit: 3, continue: page2.continue! });
    expect(names(page3.items)).toEqual(['cm-6']);
    expect(page3.continue).toBeUndefined();
  });

  it('read a whole list at a revision the history window dropped, selected by a predicate', async () => {
    const storage = await open(`/exact-${++keySpace}`, 2);
    for (let i = 0; i < 4; i++) await storage.create(`/core/configmaps/default/cm-${i}`, configMap(`cm-${i}`, { even: String(i % 2 === 0) }));
    const before = await storage.currentResourceVersion();
    for (let i = 0; i < 4; i++) await storage.delete(`/core/configmaps/default/cm-${i}`);
    const evens = await storage.list('/core/configmaps/default/', {
      resourceVersion: before,
      resourceVersionMatch: 'Exact',
      predicate: (object) => (object as { data?: { even?: string } }).data?.even === 'true',
    });
    expect(names(evens.items)).toEqual(['cm-0', 'cm-2']);
    const paged = await storage.list('/core/configmaps/default/', { resourceVersion: before, limit: 1, predicate: (object) => (object as { data?: { even?: string } }).data?.even === 'true' });
    expect(names(paged.items)).toEqual(['cm-0']);
    expect(paged.remainingItemCount).toBeUndefined();
    expect(names((await storage.list('/core/configmaps/default/', { limit: 1, continue: paged.continue!, predicate: (object) => (object as { data?: { even?: string } }).data?.even === 'true' })).items)).toEqual(['cm-2']);
  });

  it('answer 410 Expired once etcd compacted the revision away', async () => {
    const storage = await open(`/exact-${++keySpace}`, 2);
    for (let i = 0; i < 4; i++) await storage.create(`/core/configmaps/default/cm-${i}`, configMap(`cm-${i}`));
    const page = await storage.list('/core/configmaps/default/', { limit: 2 });
    for (let i = 0; i < 4; i++) await storage.create(`/core/configmaps/default/more-${i}`, configMap(`more-${i}`));
    await storage.compact();
    const expired = await storage.list('/core/configmaps/default/', { limit: 2, continue: page.continue! }).catch((error: unknown) => error);
    expect(isStorageError(expired, 'Expired')).toBe(true);
    expect((expired as { details: { continue?: string } }).details.continue).toBeDefined();
    const exact = await storage.list('/core/configmaps/default/', { resourceVersion: page.resourceVersion, resourceVersionMatch: 'Exact' }).catch((error: unknown) => error);
    expect(isStorageError(exact, 'Expired')).toBe(true);
  });
});
