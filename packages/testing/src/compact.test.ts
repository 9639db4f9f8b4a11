import { CoreV1Api, Watch } from '@kubernetes/client-node';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startCluster } from './start-cluster.js';

type Named = { metadata?: { name?: string } };

describe('cluster.compact()', () => {
  it('makes a watch resumed from before the last write answer 410 Expired, while an open watch goes on', async () => {
    const cluster = await startCluster({ https: false });
    onTestFinished(() => cluster.close());
    const config = await cluster.kubeConfig();
    const core = config.makeApiClient(CoreV1Api);
    const path = '/api/v1/namespaces/default/configmaps';
    const create = (name: string) => core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name } } });
    const before = (await create('a')).metadata?.resourceVersion ?? '';

    const open: string[] = [];
    const waiters = new Map<string, () => void>();
    const seen = (name: string) => new Promise<void>((resolve) => waiters.set(name, resolve));
    const openWatch = await new Watch(config).watch(
      path,
      { resourceVersion: before },
      (type, object: Named) => {
        open.push(`${type} ${object.metadata?.name}`);
        waiters.get(object.metadata?.name ?? '')?.();
      },
      () => undefined,
    );
    onTestFinished(() => openWatch.abort());

    const b = seen('b');
    await create('b');
    await b;
    await cluster.compact();
    const c = seen('c');
    await create('c');
    await c;
    expect(open).toEqual(['ADDED b', 'ADDED c']);

    const resumed = await new Promise<{ type: string; object: unknown }>((resolve, reject) => {
      void new Watch(config).watch(path, { resourceVersion: before }, (type, object: unknown) => resolve({ type, object }), reject);
    });
    expect(resumed).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });
  });
});
