/**
 * argv[2] is the replica count. In one process, with the simulated controllers of
 * @kubekit/controllers on enough nodes for every pod:
 * - milliseconds from creating a Deployment of that many replicas to its `availableReplicas`
 *   reaching them (the ReplicaSet, every pod created, scheduled, started and Ready, the statuses);
 * - milliseconds for 2,000 ConfigMap creates through the in-process client while such a rollout
 *   runs, and for the same creates on a server with no controllers (the baseline).
 */
import { startControllers } from '@kubekit/controllers';
import { type KubeServer, createServer } from '@kubekit/server';

const replicas = Number(process.argv[2] ?? '1000');
const WRITES = 2_000;
/** Room for every pod: a simulated node takes 110. */
const nodes = Math.ceil(replicas / 100) + 1;

const deployment = (name: string) => ({
  metadata: { name, namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
  },
});

/** Resolves once the Deployment reports every replica available. */
async function available(server: KubeServer, name: string): Promise<void> {
  const deployments = server.client.kind('apps/v1', 'Deployment');
  for await (const event of deployments.watch({ namespace: 'default', fieldSelector: `metadata.name=${name}`, resourceVersion: '0' })) {
    if ((event.object.status?.availableReplicas ?? 0) >= replicas) return;
  }
}

async function createConfigMaps(server: KubeServer, prefix: string): Promise<number> {
  const configMaps = server.client.kind('v1', 'ConfigMap');
  const t0 = performance.now();
  for (let i = 0; i < WRITES; i++) await configMaps.create({ metadata: { name: `${prefix}-${i}`, namespace: 'default' }, data: { i: String(i) } });
  return performance.now() - t0;
}

const idle = await createServer();
await createConfigMaps(idle, 'warm');
const baselineMs = await createConfigMaps(idle, 'idle');
await idle.close();

const server = await createServer();
const controllers = await startControllers(server, { nodes });
// A first, smaller rollout warms the controllers' code paths.
await server.client.kind('apps/v1', 'Deployment').create({ ...deployment('warm'), spec: { ...deployment('warm').spec, replicas: 10 } });
await controllers.settled();

const t0 = performance.now();
const done = available(server, 'web').then(() => performance.now());
await server.client.kind('apps/v1', 'Deployment').create(deployment('web'));
const loadedMs = await createConfigMaps(server, 'busy');
const rolloutMs = (await done) - t0;
await controllers.stop();
await server.close();

process.send?.({ rolloutMs, loadedMs, baselineMs, nodes });
process.disconnect?.();
