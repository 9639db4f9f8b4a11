import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import type { Deployment } from '@kubekit/types';
import { type KubeServer, createServer } from './server.js';

let server: KubeServer;

beforeEach(async () => {
  server = await createServer();
});

afterEach(async () => {
  await server.close();
});

describe('the in-process client', () => {
  it('goes through defaulting, validation and admission like HTTP requests', async () => {
    const deployments = server.client.kind('apps/v1', 'Deployment');
    expectTypeOf<Awaited<ReturnType<typeof deployments.get>>>().toEqualTypeOf<Deployment>();
    const created = await deployments.create({
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
      },
    });
    expect(created.spec?.replicas).toBe(1);
    expect(created.metadata?.generation).toBe(1);
    await expect(deployments.create({ metadata: { name: 'x', namespace: 'missing' } })).rejects.toMatchObject({
      status: { code: 404, message: 'namespaces "missing" not found' },
    });
  });

  it('modifies with retries, lists with selectors and deletes', async () => {
    const configMaps = server.client.resource('v1', 'configmaps');
    await configMaps.create({ metadata: { name: 'a', namespace: 'default', labels: { tier: 'x' } } });
    await configMaps.create({ metadata: { name: 'b', namespace: 'default' } });
    const modified = await configMaps.modify('a', (object) => ((object as { data?: object }).data = { k: 'v' }), { namespace: 'default' });
    expect(modified).toMatchObject({ data: { k: 'v' } });
    const selected = await configMaps.list({ namespace: 'default', labelSelector: 'tier=x' });
    expect(selected.items.map((item) => item.metadata?.name)).toEqual(['a']);
    await configMaps.delete('a', { namespace: 'default' });
    await expect(configMaps.get('a', { namespace: 'default' })).rejects.toMatchObject({ status: { code: 404 } });
  });

  it('watches with the same events HTTP watchers get', async () => {
    const configMaps = server.client.kind('v1', 'ConfigMap');
    const seen: string[] = [];
    const watching = (async () => {
      for await (const event of configMaps.watch({ namespace: 'default', resourceVersion: '0' })) {
        seen.push(`${event.type} ${event.object.metadata?.name}`);
        if (event.type === 'DELETED') break;
      }
    })();
    await configMaps.create({ metadata: { name: 'w', namespace: 'default' } });
    await configMaps.delete('w', { namespace: 'default' });
    await watching;
    expect(seen).toEqual(['ADDED w', 'DELETED w']);
  });

  it('ends a watch waiting for its next event when its signal is aborted', async () => {
    const abort = new AbortController();
    const events: string[] = [];
    const watching = (async () => {
      for await (const event of server.client.kind('v1', 'ConfigMap').watch({ namespace: 'quiet', signal: abort.signal })) events.push(event.type);
    })();
    await new Promise((resolve) => setImmediate(resolve));
    abort.abort();
    await watching;
    expect(events).toEqual([]);
  });

  it('ends a watch whose signal is aborted while it is being opened', async () => {
    const abort = new AbortController();
    const iterator = server.client.kind('v1', 'ConfigMap').watch({ namespace: 'quiet', signal: abort.signal })[Symbol.asyncIterator]();
    const next = iterator.next();
    abort.abort();
    expect(await next).toEqual({ done: true, value: undefined });
  });
});
