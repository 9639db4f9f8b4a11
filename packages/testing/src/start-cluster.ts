import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ControllersOptions, type RunningControllers, startControllers } from '@kubekit/controllers';
import type { KubeConfig } from '@kubernetes/client-node';
import { cachedServingCertificates, listen, renderKubeconfig } from '@kubekit/node';
import { type Client, type KubeServer, type ServerOptions, createServer } from '@kubekit/server';
import type { MemorySnapshot, RestoreResult } from '@kubekit/store';
import { type KubeObject, applyManifests } from './apply.js';
import { ClusterClock } from './clock.js';
import { type ClusterFaults, Faults } from './faults.js';
import { type ManifestSource, readManifests } from './manifests.js';
import { RecordedRequests, requestRecorder } from './requests.js';

export interface StartClusterOptions {
  /** Serve HTTPS with a CA the kubeconfig embeds (the default), or plain HTTP when false. */
  https?: boolean;
  /** Applied before the cluster is handed over; part of the state `reset()` returns to. */
  seed?: ManifestSource;
  /** Passed to `createServer` (resources of your own, admission …); its `now` is the clock's base. */
  serverOptions?: ServerOptions;
  /** Stop the cluster's clock at this time (it then moves only with `clock.advance()`/`set()`); absent, it runs. */
  now?: number | Date;
  /**
   * Run the simulated controllers of `@kubekit/controllers` (nodes and their kubelets, scheduler,
   * ReplicaSets, Deployments) on the cluster's clock: `true` for all, or their options. Off by
   * default. Their nodes are part of the state `reset()` returns to.
   */
  controllers?: boolean | Omit<ControllersOptions, 'clock'>;
}

/** A state of the cluster to come back to; see `FakeCluster.snapshot()`. */
export type ClusterSnapshot = MemorySnapshot;

export interface ResetOptions {
  /** Also forget the recorded requests (kept by default, so a test can look at what came before). */
  requests?: boolean;
}

export interface FakeCluster {
  /** `https://127.0.0.1:<port>` (or `http://`). */
  readonly url: string;
  /** A kubeconfig for this cluster, as YAML text: the CA embedded for HTTPS. */
  readonly kubeconfig: string;
  /** The same kubeconfig in a file of this cluster's own, removed by `close()`. */
  readonly kubeconfigPath: string;
  /** The in-process client: the same registry path as HTTP requests, without HTTP. */
  readonly client: Client;
  readonly server: KubeServer;
  /**
   * Every request that came through `server.handle()` (HTTP or an adapter) since start, oldest
   * first, the seed's not included; `requests.dump()` prints them one a line. The in-process
   * `client` is not recorded.
   */
  readonly requests: RecordedRequests;
  /**
   * Errors and latency injected into the requests through `server.handle()` (not the in-process
   * `client`); recorded requests show the injected answers. `reset()` removes them.
   */
  readonly faults: ClusterFaults;
  /**
   * The time the cluster reads: creationTimestamp, deletionTimestamp and grace periods, token
   * expiry, the Table AGE column. `advance(ms)` and `set(time)` move it; `reset()` does not.
   * Watch timeouts and bookmarks still run on real timers.
   */
  readonly clock: ClusterClock;
  /** The simulated controllers, when started with `controllers`: `settled()` waits until they have nothing left to do. */
  readonly controllers: RunningControllers | undefined;
  /**
   * Creates or updates objects from YAML text, files, directories or objects, as
   * `kubectl apply --server-side --force-conflicts` with the field manager `kubekit-testing`.
   */
  apply(source: ManifestSource): Promise<KubeObject[]>;
  /** The current state, to come back to with `restore()`. */
  snapshot(): ClusterSnapshot;
  /**
   * Returns to a snapshot without restarting: objects created since are deleted, changed ones are
   * written back, as ordinary writes at new resourceVersions (watchers see the difference; a
   * resourceVersion never goes back). It becomes the state `reset()` returns to.
   */
  restore(snapshot: ClusterSnapshot): Promise<RestoreResult>;
  /**
   * Returns to the state after start and seed, or after the last `restore()`, and removes every
   * fault. Recorded requests are kept unless `{ requests: true }`.
   */
  reset(options?: ResetOptions): Promise<RestoreResult>;
  /**
   * Forgets the history up to the last write, as an etcd compaction: a watch resumed, an exact
   * list or a continue token from a resourceVersion before it gets 410 Expired, and the client
   * must relist. Open watches and the objects are untouched.
   */
  compact(): Promise<void>;
  /** A `KubeConfig` of `@kubernetes/client-node` (an optional peer dependency) loaded with this cluster. */
  kubeConfig(): Promise<KubeConfig>;
  /** The environment to run kubectl or helm with: this process's, with `KUBECONFIG` set. */
  env(): NodeJS.ProcessEnv;
  /** Ends every watch and connection, stops listening and removes the kubeconfig file. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts a fake cluster on 127.0.0.1 and a free port: the built-in kinds in memory, served over
 * HTTPS by default. The CA and serving certificate are made once per process, so only the first
 * cluster of a test worker waits for them.
 */
export async function startCluster(options: StartClusterOptions = {}): Promise<FakeCluster> {
  const https = options.https ?? true;
  const certificates = https ? cachedServingCertificates() : undefined;
  const manifests = options.seed === undefined ? [] : await readManifests(options.seed);
  const clock = new ClusterClock(options.serverOptions?.now, options.now);
  const server = await createServer({ ...options.serverOptions, now: () => clock.now() });
  const started: Array<() => Promise<void>> = [() => server.close()];
  const stop = async () => {
    for (const close of started.reverse()) await close();
  };
  try {
    await applyManifests(server, manifests);
    const tls = await certificates;
    let controllers: RunningControllers | undefined;
    if (options.controllers) {
      // The serving CA is the cluster's root CA, published as kube-root-ca.crt in every namespace.
      controllers = await startControllers(server, { ...(tls && { rootCA: tls.caCert }), ...(options.controllers === true ? {} : options.controllers), clock });
      const running = controllers;
      started.push(() => running.stop());
    }
    const listener = await listen(server, { host: '127.0.0.1', port: 0, ...(tls && { tls: { key: tls.key, cert: tls.cert } }) });
    started.push(() => listener.close());
    const dir = await mkdtemp(join(tmpdir(), 'kubekit-testing-'));
    started.push(() => rm(dir, { recursive: true, force: true }));
    const kubeconfig = renderKubeconfig({ server: listener.url, ...(tls && { caCert: tls.caCert }) });
    const kubeconfigPath = join(dir, 'kubeconfig');
    await writeFile(kubeconfigPath, kubeconfig, { mode: 0o600 });
    return fakeCluster({ server, clock, controllers, url: listener.url, kubeconfig, kubeconfigPath, stop });
  } catch (error) {
    await stop();
    throw error;
  }
}

interface Started {
  server: KubeServer;
  clock: ClusterClock;
  controllers: RunningControllers | undefined;
  url: string;
  kubeconfig: string;
  kubeconfigPath: string;
  /**
   * Closes what was started, last first: the kubeconfig's folder, the listener (its remaining
   * connections are cut), then the server, whose store ends every watch.
   */
  stop: () => Promise<void>;
}

function fakeCluster({ server, clock, controllers, url, kubeconfig, kubeconfigPath, stop }: Started): FakeCluster {
  const { registry } = server;
  let base = registry.snapshot();
  let closing: Promise<void> | undefined;
  const requests = new RecordedRequests();
  const faults = new Faults(registry.storage);
  // The recorder outside the faults, so it records what they answer.
  server.use(requestRecorder(requests));
  server.use(faults.middleware);
  return {
    url,
    kubeconfig,
    kubeconfigPath,
    client: server.client,
    server,
    requests,
    faults,
    clock,
    controllers,
    apply: async (source) => applyManifests(server, await readManifests(source)),
    snapshot: () => registry.snapshot(),
    async restore(snapshot) {
      const result = await registry.restore(snapshot);
      base = snapshot;
      return result;
    },
    reset(options = {}) {
      if (options.requests) requests.clear();
      faults.clear();
      return registry.restore(base);
    },
    compact: () => registry.storage.compact(),
    async kubeConfig() {
      const { KubeConfig } = await import('@kubernetes/client-node');
      const config = new KubeConfig();
      config.loadFromString(kubeconfig);
      return config;
    },
    env: () => ({ ...process.env, KUBECONFIG: kubeconfigPath }),
    close: () => (closing ??= stop()),
  };
}
