import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo, type Socket, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = join(import.meta.dirname, '../../examples/server/src/main.ts');

export interface JsonRequest {
  method?: string;
  body?: unknown;
  contentType?: string;
}

/** A request with a JSON body to `baseUrl + path`: its status, and its body parsed (`{ text }` when it is not JSON). */
export async function requestJson(baseUrl: string, path: string, init: JsonRequest = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? 'GET',
    ...(init.body !== undefined && { body: JSON.stringify(init.body), headers: { 'content-type': init.contentType ?? 'application/json' } }),
  });
  const text = await response.text();
  return { status: response.status, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : { text } };
}

/** Resolves once `check` holds, polling every 50 ms; fails the test if it still does not after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`still not true after ${timeoutMs} ms: ${check.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One example server process (plain HTTP, no controllers) on an etcd, for tests of several servers sharing it. */
export interface ServerProcess {
  readonly url: string;
  /** A request to this server: JSON body in, status and parsed body out. */
  request(path: string, init?: JsonRequest): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Stops the process with `signal` (SIGKILL: no shutdown at all) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `kubekit-server` from source with `--etcd-servers`; resolves once it serves. */
export async function startServerProcess(etcd: string, prefix: string, port = 0): Promise<ServerProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'kubekit-etcd-server-'));
  const args = ['--import', 'tsx', '--conditions=@kubekit/source', MAIN, '--port', String(port), '--insecure-http', '--controllers', 'none'];
  args.push('--kubeconfig', join(dir, 'kubeconfig'), '--etcd-servers', etcd, '--etcd-prefix', prefix);
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening on (http:\/\/[^"\s]+)/.exec(output);
      if (listening && output.includes('kubeconfig written')) resolve(listening[1]!);
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`kubekit-server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    request: (path, init) => requestJson(url, path, init),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A TCP relay to etcd that a test can cut: while cut, open connections are dropped and new ones
 * refused, as if the network between one kubekit server and etcd failed while etcd stays up.
 */
export interface EtcdLink {
  readonly endpoint: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startEtcdLink(target: string): Promise<EtcdLink> {
  const { hostname, port } = new URL(target);
  let open = true;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      open = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
