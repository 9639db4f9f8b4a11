/**
 * The forked server of an HTTP scenario. argv[2] is JSON: `{ mode, pods }`.
 * - `kubekit`: `@kubekit/server` with `pods` Pods, served by `@kubekit/node`.
 * - `bare`: bare `node:http` answering, for each of `paths` (a path, or `accept path`), the bytes and headers
 *   kubekit answers for it (captured once through `handle()` before listening).
 * - `bare-write`: bare `node:http` that parses a JSON body and stores it into a Map.
 * - `kubekit-express`, `kubekit-hono`: `kubekit` served through `@kubekit/express` or `@kubekit/hono`
 *   (on @hono/node-server); `bare-express`, `bare-hono`: that framework answering like `bare`.
 * - `kubekit-watch`: `kubekit` that, told `{ write: n, paceMs? }`, creates n Pods through its
 *   client, one every `paceMs` (0: as fast as they go).
 * - `bare-watch`: bare `node:http` that holds every request open as a watch and, told
 *   `{ write: n, paceMs? }`, writes to each the n event lines kubekit's own watch encoded for n
 *   creates, paced the same way.
 * With `etcd` (a client URL), `kubekit` stores its objects in that etcd under a prefix of its own.
 * It sends `{ port }` once listening. Told `{ report: true }` after a round of writes, it sends
 * `{ sentAt, cpuMicros }`: when each write of the round began (epoch milliseconds) and the CPU
 * time of the process since the round began. It exits on 'stop' or
 * when the parent goes away.
 */
import { type ServerResponse, createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EtcdStorage } from '@kubekit/etcd';
import { listen } from '@kubekit/node';
import { type ApiResponse, createServer } from '@kubekit/server';
import { type CapturedAnswer, type Framework, bareOn, kubekitOn } from './frameworks.js';
import { pod } from './pod.js';

interface Config {
  mode: 'kubekit' | 'bare' | 'bare-write' | 'kubekit-watch' | 'bare-watch' | `${'kubekit' | 'bare'}-${Framework}`;
  pods: number;
  paths?: string[];
  /** For `kubekit`: an etcd client URL to store objects in (`@kubekit/etcd`) instead of memory. */
  etcd?: string;
}

const config = JSON.parse(process.argv[2] ?? '{}') as Config;

/** Writes `count` events, recording when each began; with `paceMs`, waits that long after each. */
let writer: (count: number, sentAt: number[], paceMs: number) => Promise<void> = async () => {};
const pause = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : undefined);
/** Epoch milliseconds with sub-millisecond precision, comparable across processes. */
const epochNow = () => performance.timeOrigin + performance.now();
let round: { sentAt: number[]; cpu: NodeJS.CpuUsage } = { sentAt: [], cpu: process.cpuUsage() };

async function main(): Promise<{ port: number; close: () => Promise<void> }> {
  if (config.mode === 'bare-watch') return bareWatch();
  if (config.mode === 'bare-write') {
    const stored = new Map<string, unknown>();
    let counter = 0;
    const http = createHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const object = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { metadata?: { name?: string } };
        const name = object.metadata?.name ?? `g-${++counter}`;
        stored.set(name, object);
        const body = JSON.stringify(object);
        res.writeHead(req.method === 'POST' ? 201 : 200, {
          'cache-control': 'no-cache, private',
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        });
        res.end(body);
      });
    });
    return serveBare(http);
  }
  const server = await createServer(config.etcd ? { storage: await EtcdStorage.open({ etcd: { servers: [config.etcd] }, prefix: `/bench-${process.pid}` }) } : {});
  const pods = server.client.resource('v1', 'pods');
  for (let i = 0; i < config.pods; i++) await pods.create(pod(`pod-${i}`), { namespace: 'default' });
  if (config.mode === 'kubekit' || config.mode === 'kubekit-watch') {
    let rounds = 0;
    writer = async (count, sentAt, paceMs) => {
      rounds++;
      for (let i = 0; i < count; i++) {
        sentAt.push(epochNow());
        await pods.create(pod(`w-${rounds}-${i}`), { namespace: 'default' });
        await pause(paceMs);
      }
    };
    const listener = await listen(server, { port: 0 });
    return { port: listener.port, close: () => listener.close().then(() => server.close()) };
  }
  if (config.mode === 'kubekit-express' || config.mode === 'kubekit-hono') {
    const http = kubekitOn(config.mode === 'kubekit-express' ? 'express' : 'hono', server);
    const served = await serveBare(http);
    return { port: served.port, close: () => served.close().then(() => server.close()) };
  }
  const answers = new Map<string, CapturedAnswer>();
  for (const entry of config.paths ?? []) {
    const [accept, path] = entry.includes(' ') ? entry.split(' ') : ['application/json', entry];
    const header = (name: string) => (name === 'accept' ? accept : undefined);
    const response: ApiResponse = await server.handle({ method: 'GET', url: path!, header, signal: new AbortController().signal });
    const body = await wholeBody(response.body);
    // Sent as @kubekit/node sends a whole body: with its length.
    answers.set(`${accept} ${path}`, { status: response.status, headers: { ...response.headers, 'content-length': String(body.length) }, body });
  }
  await server.close();
  if (config.mode === 'bare-express' || config.mode === 'bare-hono') return serveBare(bareOn(config.mode === 'bare-express' ? 'express' : 'hono', answers));
  const http = createHttpServer((req, res) => {
    const answer = answers.get(`${req.headers.accept} ${req.url}`);
    if (!answer) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  });
  return serveBare(http);
}

/** The bytes of a body, a streamed one (a long list) read to its end. */
async function wholeBody(body: ApiResponse['body']): Promise<Buffer> {
  if (body === undefined) return Buffer.alloc(0);
  if (typeof body === 'string' || body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Captures the lines kubekit's watch writes for `config.pods` creates, then serves them bare. */
async function bareWatch(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = await createServer();
  const abort = new AbortController();
  const response = await server.handle({ method: 'GET', url: '/api/v1/namespaces/default/pods?watch=1', header: () => undefined, signal: abort.signal });
  const stream = response.body;
  if (typeof stream !== 'object' || stream === null || !(Symbol.asyncIterator in stream)) throw new Error('watch answered no stream');
  const iterator = (stream as AsyncIterable<string | Uint8Array>)[Symbol.asyncIterator]();
  const pods = server.client.resource('v1', 'pods');
  const lines: Buffer[] = [];
  const reading = (async () => {
    let text = '';
    while (lines.length < config.pods) {
      const { value, done } = await iterator.next();
      if (done) break;
      text += typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
      let end: number;
      while ((end = text.indexOf('\n')) >= 0) {
        lines.push(Buffer.from(text.slice(0, end + 1)));
        text = text.slice(end + 1);
      }
    }
  })();
  for (let i = 0; i < config.pods; i++) await pods.create(pod(`w-${i}`), { namespace: 'default' });
  await reading;
  abort.abort();
  await iterator.return?.();
  await server.close();
  const watchers = new Set<ServerResponse>();
  writer = async (count, sentAt, paceMs) => {
    for (let i = 0; i < count; i++) {
      sentAt.push(epochNow());
      const line = lines[i % lines.length]!;
      const full: Promise<void>[] = [];
      for (const res of watchers) if (!res.write(line)) full.push(new Promise((resolve) => res.once('drain', resolve)));
      if (full.length) await Promise.all(full);
      await pause(paceMs);
    }
  };
  const http = createHttpServer((_req, res) => {
    res.writeHead(response.status, response.headers);
    res.flushHeaders();
    watchers.add(res);
    res.on('close', () => watchers.delete(res));
  });
  return serveBare(http);
}

function serveBare(http: ReturnType<typeof createHttpServer>): Promise<{ port: number; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    http.listen(0, '127.0.0.1', () => {
      resolve({
        port: (http.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            http.close(() => done());
            http.closeAllConnections();
          }),
      });
    });
  });
}

main().then(
  ({ port, close }) => {
    const stop = () => {
      close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('message', (message) => {
      if (message === 'stop') stop();
      const { write, paceMs, report } = (message ?? {}) as { write?: number; paceMs?: number; report?: boolean };
      if (typeof write === 'number') {
        round = { sentAt: [], cpu: process.cpuUsage() };
        writer(write, round.sentAt, paceMs ?? 0).catch((error: unknown) => process.send?.({ error: String(error) }));
      }
      // Asked once every line has arrived, so the CPU time covers the writes and every delivery.
      if (report) {
        const used = process.cpuUsage(round.cpu);
        process.send?.({ sentAt: round.sentAt, cpuMicros: used.user + used.system });
      }
    });
    process.on('disconnect', stop);
    process.send?.({ port });
  },
  (error: unknown) => {
    process.stderr.write(`bench server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
