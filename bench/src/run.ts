/**
 * `pnpm bench [--quick]`: kubekit against baselines measured in the same run, as ratios.
 * Every server runs in its own forked process; the load generator (autocannon) runs here.
 * Ratios never fail the run; a scenario that cannot run does (exit 1), after every child is gone.
 */
import { type ChildProcess, fork, spawn as spawnProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type ClientRequest, get } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { etcdAvailable, startEtcd } from '@kubekit/etcd/testing';
import { NAMESPACE_PATH, pod } from './pod.js';
import { median } from './stats.js';

const args = process.argv.slice(2).filter((arg) => arg !== '--');
const quick = args.includes('--quick');
/** `--only=get,list`: just these scenarios (while working on one figure). */
const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
const ROUNDS = quick ? 1 : 3;
const DURATION = quick ? 1 : 3;
const STARTUP_FORKS = quick ? 3 : 10;
/** Runs of each @kubekit/testing figure in its warm process. */
const FIXTURE_RUNS = quick ? 10 : 50;
const ROLLOUT_REPLICAS = quick ? 200 : 1_000;
const MEMORY_PODS = quick ? 5_000 : 100_000;
const WATCHERS = quick ? 50 : 1_000;
const WATCH_WRITES = quick ? 50 : 1_000;
/** The latency rounds: writes paced so that both servers keep up, one every PACE_MS. */
const PACED_WRITES = quick ? 20 : 100;
const PACE_MS = 20;
const BIG_STORE = quick ? 10_000 : 100_000;
const EXEC_ARGV = ['--import', 'tsx', '--conditions=@kubekit/source'];
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

interface Row {
  scenario: string;
  kubekit: number;
  baseline: number;
  unit: string;
  /** kubekit relative to the baseline, higher is better. */
  ratio: number;
  target: string;
  met: boolean | null;
  note?: string;
}

const rows: Row[] = [];
const failures: string[] = [];
const children = new Set<ChildProcess>();
const loadBefore = loadavg();
const started = Date.now();


function spawn(script: string, argv: string[], execArgv: string[] = EXEC_ARGV): ChildProcess {
  const child = fork(here(script), argv, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  // A child that goes away while being told to stop is fine: stopChild kills it then.
  child.on('error', () => {});
  child.once('exit', () => children.delete(child));
  return child;
}

/** The first message of a child, or an error if it exits or times out first. */
function firstMessage<T>(child: ChildProcess, timeoutMs: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer in ${timeoutMs} ms`)), timeoutMs);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as T);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what}: exited with ${code}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (!child.connected) child.kill('SIGTERM');
    else child.send('stop', (error) => {
      if (error) child.kill('SIGTERM');
    });
  });
}

interface Served {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

type Mode = 'kubekit' | 'bare' | 'bare-write' | 'kubekit-watch' | 'bare-watch' | 'kubekit-express' | 'bare-express' | 'kubekit-hono' | 'bare-hono';

async function serve(config: { mode: Mode; pods: number; paths?: string[]; etcd?: string }): Promise<Served> {
  const child = spawn('./server.ts', [JSON.stringify(config)]);
  try {
    const { port } = await firstMessage<{ port: number }>(child, 180_000, `${config.mode} server`);
    return { url: `http://127.0.0.1:${port}`, child, stop: () => stopChild(child) };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

interface Load {
  path: string;
  method?: string;
  body?: string;
  contentType?: string;
  connections?: number;
  accept?: string;
  /** A fresh number in place of `${SERIAL}` in the body of every request. */
  serial?: boolean;
}

const SERIAL = '{serial}';

let serial = 0;

/** Requests per second of one autocannon round; a round with errors or non-2xx answers is refused. */
async function cannon(served: Served, load: Load): Promise<number> {
  const result = await autocannon({
    url: served.url + load.path,
    connections: load.connections ?? 4,
    duration: DURATION,
    method: load.method ?? 'GET',
    ...(load.body === undefined ? {} : { body: load.body }),
    ...(load.serial && { requests: [{ setupRequest: (request) => ({ ...request, body: load.body?.replace(SERIAL, String(++serial)) }) }] }),
    headers: { accept: load.accept ?? 'application/json', ...(load.contentType ? { 'content-type': load.contentType } : {}) },
    timeout: 30,
  });
  if (result.errors || result.timeouts || result.non2xx) {
    throw new Error(`${load.method ?? 'GET'} ${load.path}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`);
  }
  return result.requests.total / (result.duration || DURATION);
}

/** Median requests/s of each load over ROUNDS rounds, the loads taking turns within a round. */
async function rates(loads: Array<{ served: Served; load: Load }>): Promise<number[]> {
  const samples: number[][] = loads.map(() => []);
  // A full run first warms every path (JIT, caches) with an uncounted round.
  if (!quick) for (const { served, load } of loads) await cannon(served, load);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, { served, load }] of loads.entries()) samples[i]?.push(await cannon(served, load));
  }
  return samples.map(median);
}

async function scenario(name: string, body: () => Promise<void>): Promise<void> {
  if (only && !only.includes(name)) return;
  const t0 = Date.now();
  try {
    await body();
  } catch (error) {
    failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    process.stderr.write(`bench: ${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.stderr.write(`bench: ${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}

async function withServers<T>(configs: Array<Parameters<typeof serve>[0]>, body: (served: Served[]) => Promise<T>): Promise<T> {
  const served: Served[] = [];
  try {
    for (const config of configs) served.push(await serve(config));
    return await body(served);
  } finally {
    await Promise.all(served.map((s) => s.stop()));
  }
}

const ONE_POD = `${NAMESPACE_PATH}/pod-0`;
let bareGetRate = NaN;

await scenario('get', () =>
  withServers([{ mode: 'kubekit', pods: 1 }, { mode: 'bare', pods: 1, paths: [ONE_POD] }], async ([kube, bare]) => {
    const [k, b] = await rates([
      { served: kube!, load: { path: ONE_POD } },
      { served: bare!, load: { path: ONE_POD } },
    ]);
    bareGetRate = b!;
    rows.push({ scenario: 'GET one Pod (~1.6 KB) via @kubekit/node vs bare node:http, same bytes', kubekit: k!, baseline: b!, unit: 'req/s', ratio: k! / b!, target: '≥ 0.85', met: k! / b! >= 0.85 });
  }),
);

await scenario('adapters', async () => {
  const frameworks = [
    { name: 'express', label: '@kubekit/express vs bare Express 5', target: 0.9 },
    { name: 'hono', label: '@kubekit/hono vs bare Hono on @hono/node-server', target: 0.9 },
  ] as const;
  for (const { name, label, target } of frameworks) {
    await withServers([{ mode: `kubekit-${name}`, pods: 1 }, { mode: `bare-${name}`, pods: 1, paths: [ONE_POD] }], async ([kube, bare]) => {
      const [k, b] = await rates([
        { served: kube!, load: { path: ONE_POD } },
        { served: bare!, load: { path: ONE_POD } },
      ]);
      rows.push({ scenario: `GET one Pod via ${label}, same bytes`, kubekit: k!, baseline: b!, unit: 'req/s', ratio: k! / b!, target: `≥ ${target}`, met: k! / b! >= target });
    });
  }
});

/** What kubectl get asks for: a Table, falling back to plain JSON. */
const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

await scenario('list', () =>
  withServers([{ mode: 'kubekit', pods: 10_000 }, { mode: 'bare', pods: 10_000, paths: [NAMESPACE_PATH, `${TABLE_ACCEPT} ${NAMESPACE_PATH}`] }], async ([kube, bare]) => {
    const [k, b, kTable, bTable] = await rates([
      { served: kube!, load: { path: NAMESPACE_PATH, connections: 2 } },
      { served: bare!, load: { path: NAMESPACE_PATH, connections: 2 } },
      { served: kube!, load: { path: NAMESPACE_PATH, connections: 2, accept: TABLE_ACCEPT } },
      { served: bare!, load: { path: NAMESPACE_PATH, connections: 2, accept: TABLE_ACCEPT } },
    ]);
    rows.push({ scenario: 'LIST 10,000 Pods (JSON) vs bare node:http writing the same bytes', kubekit: k!, baseline: b!, unit: 'req/s', ratio: k! / b!, target: '≥ 1/1.3 (0.77)', met: k! / b! >= 1 / 1.3 });
    rows.push({ scenario: 'LIST 10,000 Pods as a Table (kubectl get) vs bare node:http writing the same bytes', kubekit: kTable!, baseline: bTable!, unit: 'req/s', ratio: kTable! / bTable!, target: 'none set (computed per request)', met: null });
  }),
);

await scenario('page', () =>
  withServers([{ mode: 'kubekit', pods: BIG_STORE }, { mode: 'kubekit', pods: 1_000 }], async ([big, small]) => {
    const path = `${NAMESPACE_PATH}?limit=500`;
    const [k, b] = await rates([
      { served: big!, load: { path } },
      { served: small!, load: { path } },
    ]);
    rows.push({ scenario: `LIST limit=500 from ${BIG_STORE.toLocaleString('en-US')} Pods vs from 1,000`, kubekit: k!, baseline: b!, unit: 'req/s', ratio: k! / b!, target: '≥ 1/1.2 (0.83)', met: k! / b! >= 1 / 1.2 });
  }),
);

await scenario('startup', async () => {
  const imports: number[] = [];
  const starts: number[] = [];
  for (let i = 0; i < STARTUP_FORKS; i++) {
    const child = spawn('./startup.ts', []);
    try {
      const { importMs, startMs } = await firstMessage<{ importMs: number; startMs: number }>(child, 60_000, 'startup');
      imports.push(importMs);
      starts.push(startMs);
    } finally {
      await stopChild(child);
    }
  }
  const start = median(starts);
  rows.push({ scenario: `createServer() to first answered handle(), fresh process (median of ${STARTUP_FORKS})`, kubekit: start, baseline: 30, unit: 'ms', ratio: 30 / start, target: '≤ 30 ms', met: start <= 30, note: `import of @kubekit/server from source through tsx: ${median(imports).toFixed(1)} ms (not counted)` });
});

await scenario('fixtures', async () => {
  const child = spawn('./fixtures.ts', [String(FIXTURE_RUNS)]);
  try {
    const figures = await firstMessage<{ startMs: number; bareStartMs: number; resetMs: number; snapshotMs: number; restoreMs: number }>(child, 300_000, 'fixtures');
    const { startMs, bareStartMs, resetMs, snapshotMs, restoreMs } = figures;
    rows.push({ scenario: `@kubekit/testing startCluster() to its first answered HTTPS request, warm process, vs a bare node:https server with a ready certificate (median of ${FIXTURE_RUNS})`, kubekit: startMs, baseline: bareStartMs, unit: 'ms', ratio: bareStartMs / startMs, target: '≤ 30 ms', met: startMs <= 30, note: `startCluster() costs ${(startMs - bareStartMs).toFixed(1)} ms more than the bare server` });
    rows.push({ scenario: `@kubekit/testing reset() of 1,000 ConfigMaps, 5 changed since (median of ${FIXTURE_RUNS})`, kubekit: resetMs, baseline: 1, unit: 'ms', ratio: 1 / resetMs, target: '≤ 1 ms', met: resetMs <= 1 });
    rows.push({ scenario: `@kubekit/testing snapshot() + restore() of 1,000 ConfigMaps, 5 changed between (median of ${FIXTURE_RUNS})`, kubekit: snapshotMs + restoreMs, baseline: NaN, unit: 'ms', ratio: NaN, target: 'none set', met: null, note: `snapshot() ${snapshotMs.toFixed(3)} ms, restore() ${restoreMs.toFixed(3)} ms` });
  } finally {
    await stopChild(child);
  }
});

await scenario('controllers', async () => {
  const child = spawn('./controllers.ts', [String(ROLLOUT_REPLICAS)]);
  try {
    const { rolloutMs, loadedMs, baselineMs, nodes } = await firstMessage<{ rolloutMs: number; loadedMs: number; baselineMs: number; nodes: number }>(child, 300_000, 'controllers');
    rows.push({ scenario: `@kubekit/controllers: a ${ROLLOUT_REPLICAS.toLocaleString('en-US')}-replica Deployment created to availableReplicas ${ROLLOUT_REPLICAS.toLocaleString('en-US')} (${nodes} simulated nodes)`, kubekit: rolloutMs, baseline: NaN, unit: 'ms', ratio: NaN, target: 'none set', met: null, note: `${((ROLLOUT_REPLICAS * 1000) / rolloutMs).toFixed(0)} pods/s to Ready` });
    rows.push({ scenario: `2,000 ConfigMap creates (in-process client) during that rollout vs on an idle server`, kubekit: loadedMs, baseline: baselineMs, unit: 'ms', ratio: baselineMs / loadedMs, target: 'none set', met: null, note: 'the write throughput left for clients while the controllers work' });
  } finally {
    await stopChild(child);
  }
});

/** The built example server's entry point: `pnpm bench` builds it first. */
const EXAMPLE_SERVER = here('../../examples/server/dist/main.js');

/** A bare node:http process answering /readyz: the floor for starting any Node server process. */
const BARE_PROCESS = `require('node:http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () {
  process.stdout.write('listening on http://127.0.0.1:' + this.address().port + '\\n');
});`;

/** Milliseconds from spawning a server process to its first 200 on /readyz; the process is then killed. */
async function processToReady(args: string[]): Promise<number> {
  const t0 = performance.now();
  const child = spawnProcess(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('no "listening on" line in 30 s')), 30_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        // A plain line or a JSON log line: the URL ends at white space or the closing quote.
        const match = /listening on (http:\/\/[^\s"]+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code} before listening`)));
    });
    for (const deadline = performance.now() + 30_000; performance.now() < deadline; ) {
      const response = await fetch(`${url}/readyz`).catch(() => undefined);
      if (response?.ok) return performance.now() - t0;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    throw new Error(`${url}/readyz did not answer 200 in 30 s`);
  } finally {
    child.kill('SIGKILL');
  }
}

await scenario('process', async () => {
  if (!existsSync(EXAMPLE_SERVER)) throw new Error(`${EXAMPLE_SERVER} is missing: build the example server first (pnpm bench does)`);
  const dir = mkdtempSync(join(tmpdir(), 'kubekit-bench-'));
  try {
    const kubekit: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < STARTUP_FORKS; i++) {
      kubekit.push(await processToReady([EXAMPLE_SERVER, '--port', '0', '--insecure-http', '--kubeconfig', join(dir, 'kubeconfig')]));
      bare.push(await processToReady(['-e', BARE_PROCESS]));
    }
    const k = median(kubekit);
    const b = median(bare);
    rows.push({ scenario: `example server process (built) to its first /readyz 200 vs a bare node:http process (median of ${STARTUP_FORKS})`, kubekit: k, baseline: b, unit: 'ms', ratio: b / k, target: 'none set', met: null, note: `kubekit costs ${(k - b).toFixed(0)} ms more than starting Node itself` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

await scenario('memory', async () => {
  const child = spawn('./memory.ts', [String(MEMORY_PODS)], ['--expose-gc', ...EXEC_ARGV]);
  try {
    const { count, memoryBytes, jsonBytes } = await firstMessage<{ count: number; memoryBytes: number; jsonBytes: number }>(child, 300_000, 'memory');
    const ratio = memoryBytes / jsonBytes;
    rows.push({ scenario: `memory (heap + array buffers) per stored Pod (${count.toLocaleString('en-US')} Pods) vs its JSON size`, kubekit: memoryBytes / count, baseline: jsonBytes / count, unit: 'bytes', ratio: 1 / ratio, target: '≤ 3× (ratio ≥ 0.33)', met: ratio <= 3, note: `memory is ${ratio.toFixed(2)}× the JSON bytes` });
  } finally {
    await stopChild(child);
  }
});

await scenario('writes', () =>
  withServers([{ mode: 'kubekit', pods: 1 }, { mode: 'bare-write', pods: 0 }], async ([kube, bare]) => {
    const { metadata: _metadata, ...rest } = pod('');
    const createBody = JSON.stringify({ ...rest, metadata: { generateName: 'bench-', namespace: 'default' } });
    // PUT the Pod as stored (defaults filled in, the spec is immutable), unconditionally; every
    // PUT and PATCH sets an annotation to a new number, so each one is a real write (an unchanged
    // object would be answered without writing).
    const stored = (await (await fetch(kube!.url + ONE_POD)).json()) as { metadata: Record<string, unknown> };
    delete stored.metadata.resourceVersion;
    const updateBody = JSON.stringify({ ...stored, metadata: { ...stored.metadata, annotations: { bench: SERIAL } } });
    const patchBody = JSON.stringify({ metadata: { annotations: { bench: SERIAL } } });
    // Server-side apply of a configuration that owns one annotation: merge, prune, conflicts and
    // the managed fields entry on every request (force: the PUT and PATCH rows own it before).
    const applyBody = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod-0', namespace: 'default', annotations: { bench: SERIAL } } });
    const json = 'application/json';
    const [post, put, patch, apply, barePost, barePut] = await rates([
      { served: kube!, load: { path: NAMESPACE_PATH, method: 'POST', body: createBody, contentType: json } },
      { served: kube!, load: { path: ONE_POD, method: 'PUT', body: updateBody, contentType: json, serial: true } },
      { served: kube!, load: { path: ONE_POD, method: 'PATCH', body: patchBody, contentType: 'application/merge-patch+json', serial: true } },
      { served: kube!, load: { path: `${ONE_POD}?fieldManager=bench&force=true`, method: 'PATCH', body: applyBody, contentType: 'application/apply-patch+yaml', serial: true } },
      { served: bare!, load: { path: NAMESPACE_PATH, method: 'POST', body: createBody, contentType: json } },
      { served: bare!, load: { path: ONE_POD, method: 'PUT', body: updateBody, contentType: json, serial: true } },
    ]);
    const bareGet = Number.isFinite(bareGetRate) ? bareGetRate : NaN;
    const verbs: Array<[string, number, number]> = [
      ['POST create', post!, barePost!],
      ['PUT update', put!, barePut!],
      ['PATCH (merge)', patch!, barePut!],
      ['PATCH (server-side apply)', apply!, barePut!],
    ];
    for (const [verb, k, b] of verbs) {
      rows.push({ scenario: `${verb} vs bare GET (first row's baseline)`, kubekit: k, baseline: bareGet, unit: 'req/s', ratio: k / bareGet, target: '≥ 0.25', met: k / bareGet >= 0.25, note: `vs a bare handler that parses the JSON and stores it in a Map: ${b.toFixed(0)} req/s, ratio ${(k / b).toFixed(2)}` });
    }
  }),
);

interface EtcdFigures {
  storageSeq: number;
  storageConc: number;
  apiSeq: number;
  apiConc: number;
  rawSeq: number;
  rawConc: number;
  txnSeq: number;
  txnConc: number;
  getConsistent: number;
  getCached: number;
  getRaw: number;
  listRate: number;
  rangeRate: number;
  watchKubekitSeconds: number;
  watchRawSeconds: number;
  concurrency: number;
  listSize: number;
  valueBytes: number;
}

await scenario('etcd', async () => {
  if (!etcdAvailable()) {
    process.stderr.write('bench: etcd is not installed (apt-get install etcd-server), so the etcd rows are left out\n');
    return;
  }
  const etcd = await startEtcd();
  try {
    const writes = quick ? 400 : 2_000;
    const child = spawn('./etcd.ts', [etcd.endpoint, String(writes), String(ROUNDS)]);
    let figures: EtcdFigures;
    try {
      figures = await firstMessage<EtcdFigures>(child, 600_000, 'etcd');
    } finally {
      await stopChild(child);
    }
    const f = figures;
    const perValue = `a ${f.valueBytes.toLocaleString('en-US')}-byte value, the size kubekit stores for the Pod`;
    rows.push({ scenario: `etcd: EtcdStorage creates one at a time vs raw etcd3 puts (${perValue})`, kubekit: f.storageSeq, baseline: f.rawSeq, unit: 'writes/s', ratio: f.storageSeq / f.rawSeq, target: '≥ 0.9', met: f.storageSeq / f.rawSeq >= 0.9 });
    rows.push({ scenario: `etcd: EtcdStorage creates ${f.concurrency} at a time vs raw etcd3 puts ${f.concurrency} at a time`, kubekit: f.storageConc, baseline: f.rawConc, unit: 'writes/s', ratio: f.storageConc / f.rawConc, target: '≥ 0.7', met: f.storageConc / f.rawConc >= 0.7 });
    rows.push({ scenario: `etcd: raw etcd3 transactions (put if the create revision is 0: a create in etcd) vs raw puts, one at a time and ${f.concurrency} at a time`, kubekit: f.txnSeq, baseline: f.rawSeq, unit: 'writes/s', ratio: f.txnSeq / f.rawSeq, target: 'none set', met: null, note: `${f.concurrency} at a time: ${f.txnConc.toFixed(0)} vs ${f.rawConc.toFixed(0)} writes/s, ratio ${(f.txnConc / f.rawConc).toFixed(2)}; the storage against transactions: ${(f.storageSeq / f.txnSeq).toFixed(2)} one at a time, ${(f.storageConc / f.txnConc).toFixed(2)} ${f.concurrency} at a time` });
    rows.push({ scenario: `etcd: Pod creates through the in-process client (the registry's whole write path) one at a time vs raw etcd3 puts`, kubekit: f.apiSeq, baseline: f.rawSeq, unit: 'writes/s', ratio: f.apiSeq / f.rawSeq, target: 'none set', met: null });
    rows.push({ scenario: `etcd: Pod creates through the in-process client ${f.concurrency} at a time vs raw etcd3 puts ${f.concurrency} at a time`, kubekit: f.apiConc, baseline: f.rawConc, unit: 'writes/s', ratio: f.apiConc / f.rawConc, target: 'none set', met: null, note: 'the registry\'s write path (defaults, validation, managed fields) runs on the same thread as the etcd client: see the memory write rows' });
    rows.push({ scenario: `etcd: EtcdStorage consistent get of one Pod (etcd's revision, then the watch cache), ${f.concurrency} at a time, vs raw etcd3 gets of one key`, kubekit: f.getConsistent, baseline: f.getRaw, unit: 'gets/s', ratio: f.getConsistent / f.getRaw, target: 'none set', met: null, note: `at resourceVersion 0 (the watch cache alone): ${f.getCached.toFixed(0)} gets/s, ${(f.getCached / f.getRaw).toFixed(1)}× the raw gets` });
    rows.push({ scenario: `etcd: consistent LIST of ${f.listSize} Pods (etcd's revision, then the watch cache) vs a raw etcd3 range of ${f.listSize} keys`, kubekit: f.listRate, baseline: f.rangeRate, unit: 'lists/s', ratio: f.listRate / f.rangeRate, target: 'none set', met: null });
    rows.push({ scenario: `etcd: a burst of ${writes.toLocaleString('en-US')} puts written straight to etcd, seen by a kubekit storage watch vs a raw etcd3 watch`, kubekit: writes / f.watchKubekitSeconds, baseline: writes / f.watchRawSeconds, unit: 'events/s', ratio: f.watchRawSeconds / f.watchKubekitSeconds, target: 'none set', met: null, note: 'both watch the same burst; kubekit decodes each value into its cache and hands it to its watchers' });
    await withServers([{ mode: 'kubekit', pods: 1 }, { mode: 'kubekit', pods: 1, etcd: etcd.endpoint }], async ([memory, onEtcd]) => {
      const cached = `${ONE_POD}?resourceVersion=0`;
      const [m, c, consistent] = await rates([
        { served: memory!, load: { path: cached } },
        { served: onEtcd!, load: { path: cached } },
        { served: onEtcd!, load: { path: ONE_POD } },
      ]);
      rows.push({ scenario: 'etcd: GET one Pod with resourceVersion=0 (from the watch cache) via @kubekit/node vs the memory backend', kubekit: c!, baseline: m!, unit: 'req/s', ratio: c! / m!, target: '≥ 0.8', met: c! / m! >= 0.8 });
      rows.push({ scenario: 'etcd: consistent GET one Pod (one revision request to etcd, shared by the GETs that arrive together) vs the memory backend', kubekit: consistent!, baseline: m!, unit: 'req/s', ratio: consistent! / m!, target: 'none set', met: null });
    });
  } finally {
    await etcd.destroy();
  }
});

interface FanOut {
  /** Burst rounds: from telling the server to write until every watcher has every line. */
  seconds: number;
  /** The server's CPU time per delivered event in the burst (writes, encoding, socket writes). */
  cpuMicrosPerEvent: number;
  /** Paced rounds: 99th percentile, over the events, of the time from a write to its arrival at the last watcher. */
  p99Ms: number;
}

const epochNow = () => performance.timeOrigin + performance.now();

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/**
 * WATCHERS watches of one server. Burst rounds of WATCH_WRITES writes as fast as they go measure
 * throughput; paced rounds of PACED_WRITES measure latency while the server keeps up (in a burst,
 * the last event waits for every earlier one, so its latency is the burst's length). Medians of
 * ROUNDS rounds each.
 */
async function fanOut(served: Served): Promise<FanOut> {
  const requests: ClientRequest[] = [];
  const received = new Array<number>(WATCHERS).fill(0);
  let roundStart = 0;
  let missing = 0;
  // When event k of the round reached the last watcher to get it (arrivals come in time order).
  let lastArrival = new Float64Array(0);
  let arrived: (() => void) | undefined;

  async function round(writes: number, paceMs: number): Promise<{ seconds: number; latencies: number[]; cpuMicros: number }> {
    roundStart = received[0]!;
    missing = WATCHERS * writes;
    lastArrival = new Float64Array(writes);
    const t0 = performance.now();
    const all = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`watch fan-out: ${missing} lines missing after 120 s`)), 120_000);
      arrived = () => {
        clearTimeout(timer);
        arrived = undefined;
        resolve();
      };
    });
    served.child.send({ write: writes, paceMs });
    await all;
    const seconds = (performance.now() - t0) / 1000;
    const report = firstMessage<{ sentAt: number[]; cpuMicros: number }>(served.child, 30_000, 'fan-out report');
    served.child.send({ report: true });
    const { sentAt, cpuMicros } = await report;
    return { seconds, latencies: sentAt.map((at, event) => (lastArrival[event] ?? NaN) - at), cpuMicros };
  }

  try {
    await Promise.all(
      Array.from({ length: WATCHERS }, (_, watcher) =>
        new Promise<void>((resolve, reject) => {
          const request = get(`${served.url}${NAMESPACE_PATH}?watch=1`, { agent: false, headers: { accept: 'application/json' } }, (response) => {
            if (response.statusCode !== 200) reject(new Error(`watch answered ${response.statusCode}`));
            response.on('data', (chunk: Buffer) => {
              const now = epochNow();
              for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) {
                const event = received[watcher]! - roundStart;
                if (event >= 0 && event < lastArrival.length) lastArrival[event] = now;
                received[watcher]!++;
                missing--;
              }
              if (missing === 0 && arrived) arrived();
            });
            response.on('error', () => {});
            resolve();
          });
          request.on('error', reject);
          requests.push(request);
        }),
      ),
    );
    const bursts: Array<{ seconds: number; cpuMicrosPerEvent: number }> = [];
    const p99s: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const burst = await round(WATCH_WRITES, 0);
      bursts.push({ seconds: burst.seconds, cpuMicrosPerEvent: burst.cpuMicros / (WATCHERS * WATCH_WRITES) });
      p99s.push(percentile((await round(PACED_WRITES, PACE_MS)).latencies, 99));
    }
    return {
      seconds: median(bursts.map((b) => b.seconds)),
      cpuMicrosPerEvent: median(bursts.map((b) => b.cpuMicrosPerEvent)),
      p99Ms: median(p99s),
    };
  } finally {
    for (const request of requests) request.destroy();
  }
}

await scenario('watch', () =>
  withServers([{ mode: 'kubekit-watch', pods: 0 }, { mode: 'bare-watch', pods: WATCH_WRITES }], async ([kube, bare]) => {
    const k = await fanOut(kube!);
    const b = await fanOut(bare!);
    const events = WATCHERS * WATCH_WRITES;
    const fanOutName = `${WATCHERS.toLocaleString('en-US')} watchers × ${WATCH_WRITES.toLocaleString('en-US')} creates`;
    rows.push({ scenario: `watch fan-out: ${fanOutName} vs bare sockets writing the same lines`, kubekit: events / k.seconds, baseline: events / b.seconds, unit: 'events/s', ratio: b.seconds / k.seconds, target: '≥ 0.7', met: b.seconds / k.seconds >= 0.7, note: `kubekit ${k.seconds.toFixed(2)} s, bare ${b.seconds.toFixed(2)} s for ${events.toLocaleString('en-US')} events (kubekit's time includes the creates); server CPU per delivered event: kubekit ${k.cpuMicrosPerEvent.toFixed(2)} µs, bare ${b.cpuMicrosPerEvent.toFixed(2)} µs` });
    rows.push({ scenario: `watch p99 write-to-last-watcher latency: ${WATCHERS.toLocaleString('en-US')} watchers, a create every ${PACE_MS} ms, vs bare sockets`, kubekit: k.p99Ms, baseline: b.p99Ms, unit: 'ms', ratio: b.p99Ms / k.p99Ms, target: '≤ 1.5× (ratio ≥ 0.67)', met: k.p99Ms <= 1.5 * b.p99Ms });
  }),
);

const loadAfter = loadavg();
const cpuList = cpus();
const machine = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpus: cpuList.length,
  cpuModel: cpuList[0]?.model ?? 'unknown',
  memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  loadavgBefore: loadBefore.map((n) => Math.round(n * 100) / 100),
  loadavgAfter: loadAfter.map((n) => Math.round(n * 100) / 100),
};
const fmt = (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : 'n/a');
const lines = [
  `kubekit bench${quick ? ' --quick' : ''}: ${machine.date}, Node ${machine.node}, ${machine.platform}, ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB`,
  `load average (1/5/15 min): before ${machine.loadavgBefore.join(' / ')}, after ${machine.loadavgAfter.join(' / ')}; ${ROUNDS} round(s) of ${DURATION} s, medians`,
  '',
  '| scenario | kubekit | baseline | unit | ratio | target | met |',
  '|---|---:|---:|---|---:|---|---|',
  ...rows.map((r) => `| ${r.scenario} | ${fmt(r.kubekit)} | ${fmt(r.baseline)} | ${r.unit} | ${Number.isFinite(r.ratio) ? r.ratio.toFixed(2) : 'n/a'} | ${r.target} | ${r.met === null ? '—' : r.met ? 'yes' : 'no'} |`),
  '',
  ...rows.filter((r) => r.note).map((r) => `- ${r.scenario}: ${r.note}`),
  ...failures.map((f) => `- FAILED ${f}`),
  `total ${((Date.now() - started) / 1000).toFixed(1)} s`,
];
process.stdout.write(`${lines.join('\n')}\n`);
writeFileSync(here('../results.json'), `${JSON.stringify({ quick, rounds: ROUNDS, durationSeconds: DURATION, machine, rows, failures, totalSeconds: (Date.now() - started) / 1000 }, null, 2)}\n`);
await Promise.all([...children].map(stopChild));
process.exitCode = failures.length ? 1 : 0;
