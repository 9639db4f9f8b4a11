import { expect, it } from 'vitest';
import { HISTORY_WINDOW, JSON_HEADERS, type Target, configMap } from './target.js';

/**
 * Watch over HTTP (API Concepts: "Efficient detection of changes"): one JSON event per line, in
 * resourceVersion order, ended by `timeoutSeconds`; a client that goes away frees its watcher.
 */
export function watchTests(target: () => Target): void {
  const NS = '/api/v1/namespaces/watching';
  const CM = `${NS}/configmaps`;

  it('streams ADDED, MODIFIED and DELETED in order, from the resourceVersion of a list', async () => {
    const t = target();
    await t.call('/api/v1/namespaces', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ metadata: { name: 'watching' } }) });
    await t.call(CM, { method: 'POST', headers: JSON_HEADERS, body: configMap('before') });
    const { metadata } = (await t.call(CM)).json<{ metadata: { resourceVersion: string } }>();
    const watch = await t.watch(`${CM}?watch=true&resourceVersion=${metadata.resourceVersion}`);
    expect(watch.status).toBe(200);
    expect(watch.headers['content-type']).toBe('application/json');
    expect(watch.headers['transfer-encoding']).toBe('chunked');
    await t.call(CM, { method: 'POST', headers: JSON_HEADERS, body: configMap('w', { n: '1' }) });
    await t.call(`${CM}/w`, { method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, body: '{"data":{"n":"2"}}' });
    await t.call(`${CM}/w`, { method: 'DELETE' });
    const events = [await watch.next(), await watch.next(), await watch.next()];
    expect(events.map((event) => `${event?.type} ${event?.object.metadata?.name} ${event?.object.data?.['n']}`)).toEqual([
      'ADDED w 1',
      'MODIFIED w 2',
      'DELETED w 2',
    ]);
    const versions = events.map((event) => Number(event?.object.metadata?.resourceVersion));
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(versions[0]).toBeGreaterThan(Number(metadata.resourceVersion));
    watch.disconnect();
    await t.watchers(0);
  });

  it('sends the current objects as ADDED to a watch without a resourceVersion', async () => {
    const t = target();
    const watch = await t.watch(`${CM}?watch=true&fieldSelector=${encodeURIComponent('metadata.name=before')}`);
    expect(await watch.next()).toMatchObject({ type: 'ADDED', object: { kind: 'ConfigMap', metadata: { name: 'before' } } });
    watch.disconnect();
    await t.watchers(0);
  });

  it('ends the stream cleanly after timeoutSeconds and frees the watcher', async () => {
    const t = target();
    const watch = await t.watch(`${CM}?watch=true&resourceVersion=0&fieldSelector=${encodeURIComponent('metadata.name=none')}&timeoutSeconds=1`);
    expect(watch.status).toBe(200);
    expect(t.server.stats().watchers).toBe(1);
    await watch.ended;
    expect(await watch.next()).toBeUndefined();
    await t.watchers(0);
  });

  it('frees the watcher when the client goes away', async () => {
    const t = target();
    const watch = await t.watch(`${CM}?watch=true`);
    expect(t.server.stats().watchers).toBe(1);
    watch.disconnect();
    expect(await t.watchers(0)).toBe(0);
  });

  it('reports a resourceVersion older than the kept history as an ERROR event with 410 Expired', async () => {
    const t = target();
    // The suite's store keeps HISTORY_WINDOW writes: push resourceVersion 1 out of it.
    await t.call(CM, { method: 'POST', headers: JSON_HEADERS, body: configMap('churn') });
    for (let n = 0; n < HISTORY_WINDOW; n++) {
      await t.call(`${CM}/churn`, { method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, body: `{"data":{"n":"${n}"}}` });
    }
    const watch = await t.watch(`${CM}?watch=true&resourceVersion=1`);
    const event = await watch.next();
    expect(event).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
    await watch.ended;
  });
}
