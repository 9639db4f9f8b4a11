/**
 * argv[2] is the etcd client URL, argv[3] the number of writes per round. In one process, against
 * that etcd, kubekit on `@kubekit/etcd` beside the etcd3 client alone (the same client the storage
 * uses), turn about, medians of the rounds:
 * - creates, one at a time and CONCURRENCY at a time, against raw puts of a value of the same size:
 *   the etcd storage's `create` (a transaction on create revision 0, then the watch cache applying
 *   it), and the server's in-process client (the whole registry write path on top: defaults,
 *   validation, managed fields); and raw transactions (create revision 0, then put), the etcd
 *   operation a create is;
 * - get: one Pod, CONCURRENCY at a time, a consistent get (etcd's revision, then the cache) and
 *   one at resourceVersion 0 (the cache alone) vs raw gets of one key;
 * - list: every one of LIST_SIZE Pods, a consistent list (etcd's revision, then the cache) vs a
 *   raw range of the same keys;
 * - watch: the time until a watch has seen a burst of puts written straight to etcd (as another
 *   server would write them), a kubekit storage watch vs a raw etcd watch of the same burst.
 */
import { CompareResult, CompareTarget } from 'etcd3';
import { EtcdStorage, connectEtcd } from '@kubekit/etcd';
import { createServer } from '@kubekit/server';
import { pod } from './pod.js';
import { median } from './stats.js';

const endpoint = process.argv[2]!;
const WRITES = Number(process.argv[3] ?? '2000');
const ROUNDS = Number(process.argv[4] ?? '3');
const CONCURRENCY = 16;
const LIST_SIZE = 500;
const LIST_READS = 50;


const raw = connectEtcd({ servers: [endpoint] });
const prefix = `/bench-etcd-${process.pid}`;
const storage = await EtcdStorage.open({ etcd: { servers: [endpoint] }, prefix, compactionInterval: 0 });
const server = await createServer({ storage });
const pods = server.client.resource('v1', 'pods');

// The raw value: what kubekit stores for such a Pod (defaults and managed fields included).
const sample = await pods.create(pod('sample'), { namespace: 'default' });
const value = Buffer.from(JSON.stringify(sample));

/** Runs `count` operations, `concurrency` in flight; returns operations per second. */
async function rate(count: number, concurrency: number, operation: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await operation(next++);
  }));
  return (count * 1000) / (performance.now() - t0);
}

let serial = 0;
const { resourceVersion: _resourceVersion, ...sampleMetadata } = sample.metadata as Record<string, unknown>;
// The storage rows use a storage of their own, with no server on it (a server's registry follows
// its storage); the in-process rows measure the server.
const bare = await EtcdStorage.open({ etcd: { servers: [endpoint] }, prefix: `${prefix}-bare`, compactionInterval: 0 });
const storageCreate = () => bare.create(`/core/pods/bench/p-${++serial}`, { ...sample, metadata: { ...sampleMetadata, name: `p-${serial}`, namespace: 'bench' } });
const apiCreate = () => pods.create(pod(`p-${++serial}`), { namespace: 'default' });
const rawPut = () => raw.kv.put({ key: Buffer.from(`/bench-raw-${process.pid}/p-${++serial}`), value });
// The operation a create is in etcd: put the key if its create revision is 0.
const rawTxn = () => {
  const key = Buffer.from(`/bench-raw-${process.pid}/t-${++serial}`);
  return raw.kv.txn({ compare: [{ key, target: CompareTarget.Create, result: CompareResult.Equal, create_revision: '0' }], success: [{ request_put: { key, value } }], failure: [] });
};

const loads = { storage: storageCreate, api: apiCreate, raw: rawPut, txn: rawTxn };
const samples = Object.fromEntries(Object.keys(loads).flatMap((name) => [[`${name}Seq`, [] as number[]], [`${name}Conc`, [] as number[]]])) as Record<string, number[]>;
// One uncounted round warms every path; then the loads take turns within each round.
for (const load of Object.values(loads)) await rate(WRITES / 4, CONCURRENCY, load);
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, load] of Object.entries(loads)) {
    samples[`${name}Seq`]!.push(await rate(WRITES / 4, 1, load));
    samples[`${name}Conc`]!.push(await rate(WRITES, CONCURRENCY, load));
  }
}

// Gets of one Pod and of one raw key.
const SAMPLE_KEY = '/core/pods/bench/p-1';
const getSamples = { consistent: [] as number[], cached: [] as number[], raw: [] as number[] };
const rawKey = Buffer.from(`/bench-raw-${process.pid}/p-1`);
await raw.kv.put({ key: rawKey, value });
for (let round = 0; round < ROUNDS; round++) {
  getSamples.consistent.push(await rate(WRITES, CONCURRENCY, () => bare.get(SAMPLE_KEY)));
  getSamples.cached.push(await rate(WRITES * 10, CONCURRENCY, () => bare.get(SAMPLE_KEY, { resourceVersion: 0 })));
  getSamples.raw.push(await rate(WRITES, CONCURRENCY, () => raw.kv.range({ key: rawKey })));
}

// Lists: LIST_SIZE Pods in a namespace of their own, and the same number of raw keys.
const listPrefix = `/bench-range-${process.pid}/`;
for (let i = 0; i < LIST_SIZE; i++) {
  await pods.create({ ...pod(`l-${i}`), metadata: { name: `l-${i}`, namespace: 'kube-public' } }, { namespace: 'kube-public' });
  await raw.kv.put({ key: Buffer.from(`${listPrefix}l-${i}`), value });
}
const rangeEnd = Buffer.from(listPrefix.slice(0, -1) + '0');
const listRates: number[] = [];
const rangeRates: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  listRates.push(await rate(LIST_READS, 1, () => pods.list({ namespace: 'kube-public' })));
  rangeRates.push(await rate(LIST_READS, 1, () => raw.kv.range({ key: Buffer.from(listPrefix), range_end: rangeEnd })));
}

// Watch: a burst of puts straight to etcd under kubekit's ConfigMap keys, seen by both watchers.
const watchSeconds = { kubekit: [] as number[], raw: [] as number[] };
for (let round = 0; round < ROUNDS; round++) {
  const keyBase = `${prefix}-bare/core/configmaps/default/w${round}-`;
  const kubekitWatch = await bare.watch('/core/configmaps/default/', { sendInitialEvents: false });
  const rawWatcher = await raw.watch().prefix(keyBase).create();
  const t0 = performance.now();
  const kubekitDone = (async () => {
    let seen = 0;
    for await (const item of kubekitWatch) {
      if (item.type !== 'BOOKMARK' && item.key.includes(`/w${round}-`) && ++seen === WRITES) return performance.now() - t0;
    }
    return NaN;
  })();
  const rawDone = new Promise<number>((resolve) => {
    let seen = 0;
    rawWatcher.on('put', () => {
      if (++seen === WRITES) resolve(performance.now() - t0);
    });
  });
  const configMap = (i: number) => Buffer.from(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `w${round}-${i}`, namespace: 'default', uid: `u-${round}-${i}` }, data: { i: String(i) } }));
  await rate(WRITES, CONCURRENCY, (i) => raw.kv.put({ key: Buffer.from(`${keyBase}${i}`), value: configMap(i) }));
  watchSeconds.kubekit.push((await kubekitDone) / 1000);
  watchSeconds.raw.push((await rawDone) / 1000);
  kubekitWatch.stop();
  await rawWatcher.cancel();
}

await server.close();
await bare.close();
raw.close();
process.send?.({
  ...Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)])),
  getConsistent: median(getSamples.consistent),
  getCached: median(getSamples.cached),
  getRaw: median(getSamples.raw),
  listRate: median(listRates),
  rangeRate: median(rangeRates),
  watchKubekitSeconds: median(watchSeconds.kubekit),
  watchRawSeconds: median(watchSeconds.raw),
  concurrency: CONCURRENCY,
  listSize: LIST_SIZE,
  valueBytes: value.length,
});
process.disconnect?.();
