import type { Client, KubeServer, ResourceClient } from '@kubekit/server';
import type { ConfigMap, ControllerRevision, CronJob, DaemonSet, Deployment, EndpointSlice, Job, Namespace, Node, Pod, ReplicaSet, Service, StatefulSet } from '@kubekit/types';
import { type Clock, realClock } from './clock.js';
import { CronJobController } from './cronjob.js';
import { DaemonSetController } from './daemonset.js';
import { DeploymentController } from './deployment.js';
import { EndpointsController } from './endpoints.js';
import { Informer, type Meta } from './informer.js';
import { JobController } from './job.js';
import { type LeaderElectionOptions, electLeader } from './leader-election.js';
import { Kubelets } from './kubelet.js';
import { type SimulatedNode, keepLeases, registerNodes, simulatedNodes } from './nodes.js';
import { podLogs } from './pod-logs.js';
import { REPLICATION_CONTROLLERS, type Replicated, ReplicaSetController } from './replicaset.js';
import { ControllerHistory } from './revisions.js';
import { RootCAPublisher } from './root-ca.js';
import { Scheduler } from './scheduler.js';
import { StatefulSetController } from './statefulset.js';

/** The controllers that can run; `all` is every one. */
export const CONTROLLER_NAMES = ['nodes', 'scheduler', 'replicaset', 'replicationcontroller', 'deployment', 'daemonset', 'statefulset', 'job', 'cronjob', 'endpoints', 'root-ca'] as const;
export type ControllerName = (typeof CONTROLLER_NAMES)[number];

export interface ControllersOptions {
  /** Which to run: `all` (the default) or a list of names. */
  controllers?: 'all' | readonly ControllerName[];
  /** The simulated nodes: a count (node-1 … node-N, default 3), names, or full descriptions. */
  nodes?: number | readonly (string | SimulatedNode)[];
  /** The CA certificate (PEM) `root-ca` publishes as `kube-root-ca.crt` in every namespace; without it, that controller does not run. */
  rootCA?: string;
  /** The clock they read and wait on; pass the server's (`@kubekit/testing` does). */
  clock?: Clock;
  /** Told of every failed reconcile before its retry; silent by default. */
  onError?: (controller: ControllerName, key: string, error: unknown) => void;
  /**
   * Run only while this process holds the `kube-system/kube-controller-manager` Lease, as
   * kube-controller-manager with `--leader-elect`: for several servers on one storage (etcd), so
   * one set of controllers, nodes and kubelets runs at a time and another takes over when it stops.
   */
  leaderElection?: LeaderElectionOptions;
}

export interface RunningControllers {
  /** The names of the controllers that run (while leading, with leader election). */
  readonly names: readonly ControllerName[];
  /** Whether they run in this process now: always, without leader election. */
  readonly leading: boolean;
  /** Resolves once no controller has work queued or running (delayed work, such as a start delay, may remain). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

interface Runnable {
  drained(): Promise<void>;
  idle(): boolean;
  stop(): void;
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Parses `all`, `none` or a comma-separated list, as the example server's `--controllers` takes it. */
export function parseControllerList(text: string): 'all' | ControllerName[] {
  if (text === 'all') return 'all';
  if (text === 'none' || text === '') return [];
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(CONTROLLER_NAMES as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`unknown controller ${unknown.join(', ')}; known: ${CONTROLLER_NAMES.join(', ')}, or all, or none`);
  return names as ControllerName[];
}

/**
 * Starts simulated controllers against a server, in this process, through its in-process client:
 * `nodes` (Nodes and their kubelets, which run the pods bound to them), `scheduler`, `replicaset`,
 * `replicationcontroller`,
 * `deployment`, `daemonset`, `statefulset`, `job`, `cronjob`, `endpoints` (Endpoints and EndpointSlices) and `root-ca` (`kube-root-ca.crt`). Resolves once their caches are filled and the nodes registered.
 * With `leaderElection`, resolves once the first attempt to lead is over; they run only while this
 * process leads.
 */
export async function startControllers(server: ControlledServer, options: ControllersOptions = {}): Promise<RunningControllers> {
  // The kubelets' logs follow from what they report in the pods' statuses, so every server serves
  // them, whichever one leads.
  const releaseLogs = controllerNames(options).includes('nodes') ? simulatedNodes(options.nodes).map((node) => server.connectNode(node.name, podLogs(server.client))) : [];
  const stopLogs = () => releaseLogs.forEach((release) => release());
  if (!options.leaderElection) {
    const running = await runControllers(server, options);
    return { ...running, stop: () => running.stop().finally(stopLogs) };
  }
  let running: RunningControllers | undefined;
  const election = electLeader(server.client, options.clock ?? realClock, options.leaderElection, {
    start: async () => {
      running = await runControllers(server, options);
    },
    stop: async () => {
      await running?.stop();
      running = undefined;
    },
  });
  await election.ready;
  return {
    names: controllerNames(options),
    get leading() {
      return election.leading;
    },
    settled: async () => running?.settled(),
    stop: () => election.stop().finally(stopLogs),
  };
}

type ControlledServer = Pick<KubeServer, 'client' | 'connectNode'> & { version?: string };

const controllerNames = (options: ControllersOptions): ControllerName[] =>
  options.controllers === undefined || options.controllers === 'all' ? [...CONTROLLER_NAMES] : [...options.controllers];

async function runControllers(server: ControlledServer, options: ControllersOptions): Promise<RunningControllers> {
  const client: Client = server.client;
  const clock = options.clock ?? realClock;
  const names = controllerNames(options);
  const runs = (name: ControllerName) => names.includes(name);
  const onError = (name: ControllerName) => (key: string, error: unknown) => options.onError?.(name, key, error);

  const nodes = simulatedNodes(options.nodes);
  if (runs('nodes')) await registerNodes(client, clock, nodes, server.version ?? 'v1.35.0');

  // Each informer is made (and started) only if a running controller asks for it: lists and
  // watches of kinds nothing reads would be work at start-up for nothing.
  const made: { cache: { start(): Promise<void>; stop(): Promise<void> }; order: number }[] = [];
  const informer = <T extends Meta>(resource: ResourceClient<T>, order = 2) => {
    let cache: Informer<T> | undefined;
    return () => {
      if (!cache) made.push({ cache: (cache = new Informer<T>(resource)), order });
      return cache;
    };
  };
  const pods = informer<Pod>(client.kind('v1', 'Pod'), 3);
  const nodeCache = informer<Node>(client.kind('v1', 'Node'), 0);
  const replicaSets = informer<ReplicaSet>(client.kind('apps/v1', 'ReplicaSet'));
  const deployments = informer<Deployment>(client.kind('apps/v1', 'Deployment'));
  const jobs = informer<Job>(client.kind('batch/v1', 'Job'));
  const replicationControllers = informer<Replicated>(client.resource<Replicated>('v1', 'replicationcontrollers'));
  const cronJobs = informer<CronJob>(client.kind('batch/v1', 'CronJob'));
  const daemonSets = informer<DaemonSet>(client.kind('apps/v1', 'DaemonSet'));
  const statefulSets = informer<StatefulSet>(client.kind('apps/v1', 'StatefulSet'));
  const controllerRevisions = informer<ControllerRevision>(client.kind('apps/v1', 'ControllerRevision'));
  let sharedHistory: ControllerHistory | undefined;
  const history = () => (sharedHistory ??= new ControllerHistory(client, controllerRevisions()));
  const services = informer<Service>(client.kind('v1', 'Service'));
  const slices = informer<EndpointSlice>(client.kind('discovery.k8s.io/v1', 'EndpointSlice'), 1);
  const namespaces = informer<Namespace>(client.kind('v1', 'Namespace'));
  const configMaps = informer<ConfigMap>(client.kind('v1', 'ConfigMap'));

  const controllers: Runnable[] = [];
  const releases: (() => void)[] = [];
  if (runs('nodes')) {
    const kubelets = new Kubelets(client, clock, pods(), nodes.map((node) => node.name), onError('nodes'));
    controllers.push(kubelets);
    releases.push(keepLeases(client, clock, nodes.map((node) => node.name)));
  }
  if (runs('scheduler')) controllers.push(new Scheduler(client, clock, pods(), nodeCache(), onError('scheduler')));
  if (runs('replicaset')) controllers.push(new ReplicaSetController(client, clock, replicaSets(), pods(), onError('replicaset')));
  if (runs('replicationcontroller')) controllers.push(new ReplicaSetController(client, clock, replicationControllers(), pods(), onError('replicationcontroller'), REPLICATION_CONTROLLERS));
  if (runs('deployment')) controllers.push(new DeploymentController(client, clock, deployments(), replicaSets(), pods(), onError('deployment')));
  if (runs('daemonset')) controllers.push(new DaemonSetController(client, clock, daemonSets(), pods(), nodeCache(), history(), onError('daemonset')));
  if (runs('statefulset')) controllers.push(new StatefulSetController(client, clock, statefulSets(), pods(), history(), onError('statefulset')));
  if (runs('job')) controllers.push(new JobController(client, clock, jobs(), pods(), onError('job')));
  if (runs('cronjob')) controllers.push(new CronJobController(client, clock, cronJobs(), jobs(), onError('cronjob')));
  if (runs('endpoints')) controllers.push(new EndpointsController(client, clock, services(), pods(), slices(), onError('endpoints')));
  if (runs('root-ca') && options.rootCA) controllers.push(new RootCAPublisher(client, clock, namespaces(), configMaps(), options.rootCA, onError('root-ca')));

  // Nodes first, so the scheduler's first pass over pending pods sees them; slices before the
  // services whose syncs write them; pods last, once their owners are cached.
  const informers = made.sort((a, b) => a.order - b.order).map(({ cache }) => cache);
  for (const cache of informers) await cache.start();

  return {
    names,
    leading: true,
    async settled() {
      // A controller's writes reach the others through watch events: drain until all stay quiet
      // across a few turns of the event loop.
      let quiet = 0;
      while (quiet < 3) {
        await Promise.all(controllers.map((controller) => controller.drained()));
        await turn();
        quiet = controllers.every((controller) => controller.idle()) ? quiet + 1 : 0;
      }
    },
    async stop() {
      for (const release of releases) release();
      for (const controller of controllers) controller.stop();
      await Promise.all(informers.map((cache) => cache.stop()));
    },
  };
}
