import { CoreV1Api, Watch } from '@kubernetes/client-node';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startCluster } from './start-cluster.js';

const CONFIGMAPS = '/api/v1/namespaces/default/configmaps';

async function clusterWithClient() {
  const cluster = await startCluster({ https: false, seed: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' } } });
  onTestFinished(() => cluster.close());
  return { cluster, core: (await cluster.kubeConfig()).makeApiClient(CoreV1Api) };
}

/** The lines of a watch body as `TYPE name` (the Status message for an ERROR), until it ends. */
async function watchLines(response: Response, onLine: (count: number) => Promise<void> = async () => undefined): Promise<string[]> {
  const lines: string[] = [];
  let text = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    text += Buffer.from(chunk).toString();
    let newline: number;
    while ((newline = text.indexOf('\n')) >= 0) {
      const event = JSON.parse(text.slice(0, newline)) as { type: string; object: { metadata?: { name?: string }; message?: string; code?: number } };
      text = text.slice(newline + 1);
      lines.push(event.type === 'ERROR' ? `ERROR ${event.object.code} ${event.object.message}` : `${event.type} ${event.object.metadata?.name ?? ''}`.trim());
      await onLine(lines.length);
    }
  }
  return lines;
}

describe('watch faults', () => {
  it('close a watch after N events, bookmarks not counted, and release the server watch', async () => {
    const { cluster, core } = await clusterWithClient();
    cluster.faults.inject({ match: { verb: 'watch', resource: 'configmaps' }, respond: { watch: 'close', afterEvents: 2 } });

    const response = await fetch(`${cluster.url}${CONFIGMAPS}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`);
    const lines = await watchLines(response, async (count) => {
      // After the initial ADDED and its bookmark, two writes: only the first gets through.
      if (count === 2) {
        await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'y' } } });
        await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'z' } } });
      }
    });

    expect(lines).toEqual(['ADDED x', 'BOOKMARK', 'ADDED y']);
    expect(cluster.server.stats().watchers).toBe(0);
    // Used up: the next watch is served whole.
    const again = await fetch(`${cluster.url}${CONFIGMAPS}?watch=true&timeoutSeconds=1&resourceVersion=0`);
    expect(await watchLines(again)).toEqual(['ADDED x', 'ADDED y', 'ADDED z']);
  });

  it('answer a watch with a 410 Expired ERROR event, which client-node hands its callback', async () => {
    const { cluster, core } = await clusterWithClient();
    const { metadata } = await core.listNamespacedConfigMap({ namespace: 'default' });
    cluster.faults.inject({ match: { verb: 'watch' }, respond: { watch: 'expired' } });

    const events: Array<{ type: string; object: unknown }> = [];
    const watch = new Watch(await cluster.kubeConfig());
    const done = new Promise<unknown>((resolve) => {
      void watch.watch(CONFIGMAPS, { resourceVersion: metadata?.resourceVersion }, (type, object) => events.push({ type, object }), resolve);
    });
    expect(await done).toBeNull();
    expect(events).toEqual([
      {
        type: 'ERROR',
        object: expect.objectContaining({ kind: 'Status', code: 410, reason: 'Expired', message: expect.stringMatching(/^too old resource version: \d+ \(\d+\)$/) }),
      },
    ]);
    expect(cluster.server.stats().watchers).toBe(0);
  });

  it('send the 410 ERROR event after N events, in an event stream too', async () => {
    const { cluster } = await clusterWithClient();
    cluster.faults.inject({ match: { verb: 'watch' }, respond: { watch: 'expired', afterEvents: 1 } });

    const response = await fetch(`${cluster.url}${CONFIGMAPS}?watch=true&resourceVersion=0`, { headers: { accept: 'text/event-stream' } });
    const body = await response.text();
    expect(body).toMatch(/^data: \{"type":"ADDED","object":\{.*"name":"x".*\}\}\n\ndata: \{"type":"ERROR","object":\{.*"code":410\}\}\n\n$/s);
  });

  it('reset the connection of a watch after N events', async () => {
    const { cluster, core } = await clusterWithClient();
    cluster.faults.inject({ match: { verb: 'watch' }, respond: { watch: 'reset', afterEvents: 1 } });

    const response = await fetch(`${cluster.url}${CONFIGMAPS}?watch=true&resourceVersion=0`);
    const seen: string[] = [];
    await expect(watchLines(response, async () => void seen.push('event'))).rejects.toThrow();
    expect(seen).toEqual(['event']);
    await core.readNamespacedConfigMap({ namespace: 'default', name: 'x' });
    expect(cluster.server.stats().watchers).toBe(0);
  });

  it('leave other verbs alone: a watch fault waits for a watch', async () => {
    const { cluster, core } = await clusterWithClient();
    const fault = cluster.faults.inject({ match: { resource: 'configmaps' }, respond: { watch: 'close' } });
    await core.listNamespacedConfigMap({ namespace: 'default' });
    expect(fault.remaining).toBe(1);
  });
});

describe('stale lists', () => {
  it('answer a list as it was when the fault was injected, at that resourceVersion, then serve fresh lists', async () => {
    const { cluster, core } = await clusterWithClient();
    const before = await core.listNamespacedConfigMap({ namespace: 'default' });
    cluster.faults.inject({ match: { verb: 'list', resource: 'configmaps' }, respond: { staleList: true } });
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'late' } } });

    const stale = await core.listNamespacedConfigMap({ namespace: 'default' });
    expect(stale.items.map((item) => item.metadata?.name)).toEqual(['x']);
    expect(stale.metadata?.resourceVersion).toBe(before.metadata?.resourceVersion);
    const fresh = await core.listNamespacedConfigMap({ namespace: 'default' });
    expect(fresh.items.map((item) => item.metadata?.name)).toEqual(['late', 'x']);
    // The recorded request is the client's own, not the rewritten one.
    expect(cluster.requests.filter((request) => request.verb === 'list').map((request) => request.query)).toEqual([{}, {}, {}]);
  });

  it('answer at a given resourceVersion, and pass continued pages through', async () => {
    const { cluster, core } = await clusterWithClient();
    const first = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'a' } } });
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'b' } } });
    cluster.faults.inject({ match: { verb: 'list' }, times: 2, respond: { staleList: first.metadata!.resourceVersion! } });

    const page = await core.listNamespacedConfigMap({ namespace: 'default', limit: 1 });
    expect(page.items.map((item) => item.metadata?.name)).toEqual(['a']);
    const rest = await core.listNamespacedConfigMap({ namespace: 'default', limit: 5, _continue: page.metadata!._continue! });
    expect(rest.items.map((item) => item.metadata?.name)).toEqual(['x']);
    expect(rest.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);
  });

  it('answer 410 Expired from before a compaction', async () => {
    const { cluster, core } = await clusterWithClient();
    cluster.faults.inject({ match: { verb: 'list' }, respond: { staleList: '1' } });
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'a' } } });
    await cluster.compact();
    await expect(core.listNamespacedConfigMap({ namespace: 'default' })).rejects.toMatchObject({ code: 410 });
  });
});
