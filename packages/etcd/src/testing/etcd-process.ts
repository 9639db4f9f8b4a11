import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface EtcdProcessOptions {
  /** The etcd binary. Default: `$ETCD_BIN`, else `etcd` on the PATH (Debian's `etcd-server`). */
  binary?: string;
  /** How long to wait for etcd to answer its health check, in milliseconds. Default 30 000. */
  startTimeout?: number;
  /**
   * Serve clients over TLS with this certificate and key (PEM; it must name 127.0.0.1), signed by
   * `ca`; with `clientCertAuth`, etcd also asks clients for a certificate that `ca` signed.
   */
  tls?: { ca: string; cert: string; key: string; clientCertAuth?: boolean };
}

/** A single-member etcd on loopback ports with a data dir of its own, for tests. */
export interface EtcdProcess {
  /** The client URL, `http://127.0.0.1:<port>` (`https://` with `tls`). */
  readonly endpoint: string;
  readonly dataDir: string;
  /** Stops etcd (SIGKILL when `hard`), keeping its data dir. */
  stop(options?: { hard?: boolean }): Promise<void>;
  /** Starts it again on the same ports and data. */
  start(): Promise<void>;
  /** Stops it and removes its data dir. */
  destroy(): Promise<void>;
}

const defaultBinary = (): string => process.env.ETCD_BIN ?? 'etcd';

/** Whether an etcd binary can be run here (`$ETCD_BIN` or `etcd` on the PATH), so tests can be skipped without one. */
export function etcdAvailable(binary = defaultBinary()): boolean {
  return spawnSync(binary, ['--version'], { stdio: 'ignore' }).status === 0;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** etcd's /health over TLS, with the test CA (and etcd's own certificate as a client certificate, which it trusts). */
function healthOverTls(endpoint: string, tls: NonNullable<EtcdProcessOptions['tls']>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(`${endpoint}/health`, { ca: tls.ca, ...(tls.clientCertAuth && { cert: tls.cert, key: tls.key }) }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Starts etcd and waits until it answers; the caller destroys it. */
export async function startEtcd(options: EtcdProcessOptions = {}): Promise<EtcdProcess> {
  const binary = options.binary ?? defaultBinary();
  const startTimeout = options.startTimeout ?? 30_000;
  const [clientPort, peerPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), 'kubekit-etcd-'));
  const { tls } = options;
  const endpoint = `${tls ? 'https' : 'http'}://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const tlsArgs: string[] = [];
  if (tls) {
    const file = (name: string, content: string) => {
      writeFileSync(join(dataDir, name), content, { mode: 0o600 });
      return join(dataDir, name);
    };
    tlsArgs.push(`--cert-file=${file('server.crt', tls.cert)}`, `--key-file=${file('server.key', tls.key)}`, `--trusted-ca-file=${file('ca.crt', tls.ca)}`);
    if (tls.clientCertAuth) tlsArgs.push('--client-cert-auth');
  }
  const args = [
    ...tlsArgs,
    '--name=kubekit-test',
    `--data-dir=${dataDir}`,
    `--listen-client-urls=${endpoint}`,
    `--advertise-client-urls=${endpoint}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=kubekit-test=${peer}`,
    '--log-level=error',
  ];
  let child: ChildProcess | undefined;
  let output = '';

  const start = async (): Promise<void> => {
    output = '';
    const started = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    started.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    started.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    const failed = new Promise<never>((_, reject) => {
      started.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'ENOENT' ? new Error(`${binary} not found: install etcd (Debian: apt-get install etcd-server) or set ETCD_BIN`) : error),
      );
      started.once('exit', (code) => reject(new Error(`etcd exited with ${code} before it was ready:\n${output}`)));
    });
    const deadline = Date.now() + startTimeout;
    const healthy = (async () => {
      while (Date.now() < deadline) {
        const ok = await (tls ? healthOverTls(endpoint, tls) : fetch(`${endpoint}/health`).then((response) => response.text())).then(
          (body) => body.includes('"health":"true"'),
          () => false,
        );
        if (ok) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`etcd did not become healthy within ${startTimeout} ms:\n${output}`);
    })();
    await Promise.race([healthy, failed]);
    started.removeAllListeners('exit');
  };

  const stop = async ({ hard = false } = {}): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill(hard ? 'SIGKILL' : 'SIGTERM');
    await exited;
  };

  await start().catch(async (error: unknown) => {
    await stop({ hard: true });
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    endpoint,
    dataDir,
    stop,
    start,
    destroy: async () => {
      await stop({ hard: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
