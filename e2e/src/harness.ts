import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { type EtcdProcess, etcdAvailable, startEtcd } from '@kubekit/etcd/testing';
import { type ExampleServerOptions, type RunningExampleServer, startExampleServer } from '@kubekit/example-server';
import { toolsBin } from './clients.js';

export interface CommandResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface Cluster {
  readonly server: RunningExampleServer;
  readonly kubeconfigPath: string;
  /** Runs real kubectl against this server, with a discovery cache of its own. */
  kubectl(args: readonly string[], options?: KubectlOptions): Promise<CommandResult>;
  /** Runs real helm v4 against this server, the same way. */
  helm(args: readonly string[], options?: KubectlOptions): Promise<CommandResult>;
  /** Starts kubectl and returns it running (for `get -w`): read its output, then stop it. */
  spawnKubectl(args: readonly string[]): RunningCommand;
  /** Writes a file into this cluster's scratch folder (`name` may name subfolders, made as needed) and returns its path. */
  file(name: string, content: string): Promise<string>;
  stop(): Promise<void>;
}

export interface KubectlOptions {
  stdin?: string;
  timeoutMs?: number;
  /** Extra environment, e.g. KUBE_EDITOR for `kubectl edit`. */
  env?: Record<string, string>;
}

export interface RunningCommand {
  output(): string;
  /** Resolves once the output contains `text` (or rejects after `timeoutMs`). */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  stop(): Promise<CommandResult>;
}

/** The example server with every simulated controller running, as `kubekit-server` starts by default. */
export const withControllers = (options: ExampleServerOptions): Promise<RunningExampleServer> => startExampleServer({ ...options, controllers: {} });

/** One way to start the example server: what its objects are stored in. */
export interface Backend {
  readonly name: 'memory' | 'etcd';
  readonly start: (options: ExampleServerOptions) => Promise<RunningExampleServer>;
}

let etcd: Promise<EtcdProcess> | undefined;
let etcdPrefixes = 0;

/**
 * `start` on each storage backend, for `describe.each`: in memory, and on etcd (a key prefix of
 * its own on one etcd per test file, as `--etcd-servers` does) when etcd is installed. Call it at
 * the top level of a test file: it stops that file's etcd after the file.
 */
export function backends(start: (options: ExampleServerOptions) => Promise<RunningExampleServer> = startExampleServer): Backend[] {
  const memory: Backend = { name: 'memory', start };
  if (!etcdAvailable()) {
    console.warn('etcd is not installed: `apt-get install etcd-server` to run the end-to-end suites on etcd too');
    return [memory];
  }
  afterAll(async () => {
    const running = etcd;
    etcd = undefined;
    await (await running)?.destroy();
  });
  const onEtcd: Backend = {
    name: 'etcd',
    async start(options) {
      etcd ??= startEtcd();
      const { endpoint } = await etcd;
      return start({ ...options, etcd: { servers: [endpoint], prefix: `/e2e-${++etcdPrefixes}` } });
    },
  };
  return [memory, onEtcd];
}

/** Starts the example server (or `start`, a server built on it) with a kubeconfig and clients of its own. */
export async function startCluster(
  start: (options: ExampleServerOptions) => Promise<RunningExampleServer> = startExampleServer,
): Promise<Cluster> {
  const dir = await mkdtemp(join(tmpdir(), 'kubekit-e2e-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  const server = await start({ kubeconfigPath });
  // HOME holds kubectl's discovery cache (~/.kube/cache): one per cluster, so no run sees another's.
  const env = { ...process.env, KUBECONFIG: kubeconfigPath, HOME: dir, PATH: `${toolsBin}:${process.env['PATH'] ?? ''}` };
  const kubectlPath = join(toolsBin, 'kubectl');

  const run = (tool: string) => (args: readonly string[], options: KubectlOptions = {}): Promise<CommandResult> => {
    return new Promise((resolve, reject) => {
      const child = spawn(join(toolsBin, tool), args, { env: { ...env, ...options.env }, cwd: dir });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ stdout, stderr, code: code ?? -1 });
      });
      child.stdin.end(options.stdin ?? '');
    });
  };

  function spawnKubectl(args: readonly string[]): RunningCommand {
    const child = spawn(kubectlPath, args, { env, cwd: dir });
    let stdout = '';
    let stderr = '';
    const waiters = new Set<() => void>();
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      for (const check of waiters) check();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const closed = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    return {
      output: () => stdout,
      waitFor(text, timeoutMs = 20_000) {
        return new Promise((resolve, reject) => {
          const matches = () => (typeof text === 'string' ? stdout.includes(text) : text.test(stdout));
          const timer = setTimeout(() => {
            waiters.delete(check);
            reject(new Error(`timed out waiting for ${String(text)}; output so far:\n${stdout}\n${stderr}`));
          }, timeoutMs);
          const check = () => {
            if (!matches()) return;
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          };
          waiters.add(check);
          check();
        });
      },
      async stop() {
        child.kill('SIGTERM');
        const code = await closed;
        return { stdout, stderr, code };
      },
    };
  }

  return {
    server,
    kubeconfigPath,
    kubectl: run('kubectl'),
    helm: run('helm'),
    spawnKubectl,
    async file(name, content) {
      const path = join(dir, name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
      return path;
    },
    async stop() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
