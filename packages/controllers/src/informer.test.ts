import { type KubeServer, createServer } from '@kubekit/server';
import type { ConfigMap } from '@kubekit/types';
import { afterEach, describe, expect, it } from 'vitest';
import { Informer } from './informer.js';

let server: KubeServer;
let informer: Informer<ConfigMap> | undefined;

afterEach(async () => {
  await informer?.stop();
  await server?.close();
});

describe('Informer', () => {
  it('caches a list and follows the changes after it', async () => {
    server = await createServer();
    const configMaps = server.client.kind('v1', 'ConfigMap');
    await configMaps.create({ metadata: { name: 'a', namespace: 'default' } });
    informer = new Informer(configMaps);
    const seen: string[] = [];
    informer.on((event, object) => seen.push(`${event} ${object.metadata?.name}`));
    await informer.start();
    await configMaps.create({ metadata: { name: 'b', namespace: 'default' } });
    await configMaps.delete('a', { namespace: 'default' });
    const turns = async (check: () => boolean) => {
      for (let turn = 0; turn < 100 && !check(); turn++) await new Promise((resolve) => setImmediate(resolve));
    };
    await turns(() => seen.length === 3);
    expect(seen).toEqual(['add a', 'add b', 'delete a']);
    expect(informer.list().map((object) => object.metadata?.name)).toEqual(['b']);
  });

  it('ignores a watch event older than what this process wrote and assumed', async () => {
    server = await createServer();
    const configMaps = server.client.kind('v1', 'ConfigMap');
    informer = new Informer(configMaps);
    await informer.start();
    const created = await configMaps.create({ metadata: { name: 'x', namespace: 'default' }, data: { v: '1' } });
    const updated = await configMaps.update({ ...created, data: { v: '2' } });
    informer.assume(updated);
    expect(informer.get('default/x')?.data).toEqual({ v: '2' });
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(informer.get('default/x')?.data).toEqual({ v: '2' });
  });
});
