/**
 * argv[2] is the number of runs. In one warm process (a test worker after its first test):
 * - startCluster() to its first answered HTTPS request, beside a bare node:https server with a
 *   ready-made certificate to its first answered request;
 * - reset() of a cluster holding 1,000 ConfigMaps of which a few changed since the snapshot;
 * - snapshot() of that cluster, and restore() of it after the same few changes.
 * Medians in milliseconds.
 */
import { createServer, get } from 'node:https';
import type { AddressInfo } from 'node:net';
import { cachedServingCertificates } from '@kubekit/node';
import { type FakeCluster, startCluster } from '@kubekit/testing';
import { median } from './stats.js';

const runs = Number(process.argv[2] ?? '20');
const OBJECTS = 1_000;
const { caCert, cert, key } = await cachedServingCertificates();


/** One GET over a new TLS connection that trusts the CA; fails unless it answers 200. */
function firstRequest(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    get(url, { ca: caCert, agent: false }, (response) => {
      response.resume();
      response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`${url} answered ${response.statusCode}`))));
    }).on('error', reject);
  });
}

async function clusterToFirstRequest(): Promise<number> {
  const t0 = performance.now();
  const cluster = await startCluster();
  await firstRequest(`${cluster.url}/api/v1/namespaces/default/configmaps`);
  const elapsed = performance.now() - t0;
  await cluster.close();
  return elapsed;
}

async function bareToFirstRequest(): Promise<number> {
  const t0 = performance.now();
  const server = createServer({ key, cert }, (_request, response) => response.end('{}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await firstRequest(`https://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  const elapsed = performance.now() - t0;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  return elapsed;
}

/** What a test does between two resets: a few updates, a create and a delete. */
async function changeAFew(cluster: FakeCluster, round: number): Promise<void> {
  const configMaps = cluster.client.resource('v1', 'configmaps');
  for (const i of [1, 2, 3]) await configMaps.modify(`cm-${i}`, (object) => Object.assign(object, { data: { round: String(round) } }), { namespace: 'default' });
  await configMaps.create({ metadata: { name: `extra-${round}` } }, { namespace: 'default' });
  await configMaps.delete('cm-4', { namespace: 'default' });
}

const startup = { kubekit: [] as number[], bare: [] as number[] };
// The first of each warms the process (module loading, JIT, the per-process certificate).
await clusterToFirstRequest();
await bareToFirstRequest();
for (let i = 0; i < runs; i++) {
  startup.kubekit.push(await clusterToFirstRequest());
  startup.bare.push(await bareToFirstRequest());
}

const seed = Array.from({ length: OBJECTS }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'default' }, data: { i: String(i) } }));
const cluster = await startCluster({ seed });
const resets: number[] = [];
const snapshots: number[] = [];
const restores: number[] = [];
for (let round = 0; round <= runs; round++) {
  await changeAFew(cluster, round);
  const t0 = performance.now();
  await cluster.reset();
  const t1 = performance.now();
  const snapshot = cluster.snapshot();
  const t2 = performance.now();
  await changeAFew(cluster, round);
  const t3 = performance.now();
  await cluster.restore(snapshot);
  const t4 = performance.now();
  // Round 0 warms up.
  if (round === 0) continue;
  resets.push(t1 - t0);
  snapshots.push(t2 - t1);
  restores.push(t4 - t3);
}
await cluster.close();

process.send?.({
  startMs: median(startup.kubekit),
  bareStartMs: median(startup.bare),
  resetMs: median(resets),
  snapshotMs: median(snapshots),
  restoreMs: median(restores),
});
process.disconnect?.();
