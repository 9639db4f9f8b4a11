import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { LOCAL_SERVING_NAMES, cachedServingCertificates, listen, renderKubeconfig } from '@kubekit/node';
import { type KubeServer, type ServerOptions, createServer } from '@kubekit/server';
import { type ControllersOptions, type RunningControllers, startControllers } from '@kubekit/controllers';
import { EtcdStorage } from '@kubekit/etcd';
import type { Logger } from 'pino';
import { drainable } from './drain.js';
import { trackResponses } from './in-flight.js';
import { logRequests } from './request-log.js';
import { applySeed, readSeed } from './seed.js';

// The TLS and kubeconfig helpers live in @kubekit/node; re-exported for code written against this package.
export { type KubeconfigOptions, type ServingCertificates, makeServingCertificates, renderKubeconfig } from '@kubekit/node';
export { type ManifestDocument, ManifestError, applySeed, readSeed } from './seed.js';

export interface ExampleServerOptions extends ServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Serve plain HTTP instead of HTTPS with a generated CA. */
  insecureHttp?: boolean;
  /** Where to write the kubeconfig (nothing is written when absent). */
  kubeconfigPath?: string;
  /** A manifest file or directory applied before the server listens (see `readSeed`). */
  seed?: string;
  /** Each request is logged to it at debug level. */
  logger?: Logger;
  /**
   * The simulated controllers of `@kubekit/controllers` to run (nodes and kubelets, scheduler,
   * ReplicaSets, Deployments), with their nodes: `{ controllers: 'all' }` for every one. None by default.
   */
  controllers?: ControllersOptions;
  /**
   * Keep objects in etcd instead of memory (kube-apiserver's `--etcd-servers`, `--etcd-prefix` and
   * TLS files; PEM text or paths). Ignored when `storage` or `registry` is given.
   */
  etcd?: { servers: string[]; prefix?: string; ca?: string; cert?: string; key?: string };
}

export interface RunningExampleServer {
  readonly server: KubeServer;
  readonly url: string;
  readonly port: number;
  /** A kubeconfig for this server, as text. */
  readonly kubeconfig: string;
  /**
   * Shuts down gracefully: `/readyz` fails, watches end (their clients read the end of the
   * stream), the responses under way are finished, then the listener and the store close.
   */
  close(): Promise<void>;
}

// How long a shutdown waits for responses under way (a watch to a client that stopped reading)
// before it cuts their connections.
const SHUTDOWN_GRACE_MS = 10_000;

/** Starts the example API server: the built-in kinds in memory, served over HTTPS by default. */
export async function startExampleServer(options: ExampleServerOptions = {}): Promise<RunningExampleServer> {
  const host = options.host ?? '127.0.0.1';
  const documents = options.seed === undefined ? [] : await readSeed(options.seed);
  const server = await createServer({ ...options, ...(await storageFor(options)) });
  let controllers: RunningControllers | undefined;
  const certificates = options.insecureHttp ? undefined : await cachedServingCertificates(servingNames(host));
  try {
    await applySeed(server, documents);
    // The serving CA is the cluster's root CA, published as kube-root-ca.crt in every namespace.
    if (options.controllers) controllers = await startControllers(server, { ...(certificates && { rootCA: certificates.caCert }), ...controllersFor(options) });
  } catch (error) {
    await server.close();
    throw error;
  }
  const serving = drainable(server);
  const listener = await listen(serving, {
    port: options.port ?? 0,
    host,
    ...(certificates && { tls: { key: certificates.key, cert: certificates.cert } }),
  });
  const inFlight = trackResponses(listener.server);
  if (options.logger) logRequests(listener.server, options.logger);
  // A wildcard address is not one a client can dial: point the kubeconfig at loopback.
  const clientHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = `${certificates ? 'https' : 'http'}://${clientHost.includes(':') ? `[${clientHost}]` : clientHost}:${listener.port}`;
  const kubeconfig = renderKubeconfig({ server: url, ...(certificates && { caCert: certificates.caCert }) });
  if (options.kubeconfigPath) await writeFile(options.kubeconfigPath, kubeconfig, { mode: 0o600 });
  return {
    server,
    url,
    port: listener.port,
    kubeconfig,
    async close() {
      serving.drain();
      await inFlight.settled(SHUTDOWN_GRACE_MS);
      await listener.close();
      await controllers?.stop();
      await server.close();
    },
  };
}

/**
 * On etcd, several servers may share the state: their controllers elect a leader on the
 * kube-controller-manager Lease (identity `<hostname>_<uuid>`, as kube-controller-manager's), so
 * one set of controllers, nodes and kubelets runs at a time.
 */
function controllersFor(options: ExampleServerOptions): ControllersOptions {
  const controllers = options.controllers ?? {};
  if (!options.etcd) return controllers;
  return { ...controllers, leaderElection: { identity: `${hostname()}_${randomUUID()}`, ...controllers.leaderElection } };
}

/** An etcd storage when asked for one; the server closes it with itself. */
async function storageFor(options: ExampleServerOptions): Promise<Pick<ServerOptions, 'storage'>> {
  if (!options.etcd || options.storage || options.registry) return {};
  const { prefix, ...connection } = options.etcd;
  return { storage: await EtcdStorage.open({ etcd: connection, ...(prefix !== undefined && { prefix }) }) };
}

function servingNames(host: string): string[] {
  const names = new Set(LOCAL_SERVING_NAMES);
  if (host !== '0.0.0.0' && host !== '::') names.add(host);
  return [...names];
}
