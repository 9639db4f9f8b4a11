import { type KubeServer, createServer } from '@kubekit/server';
import type { Deployment } from '@kubekit/types';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningControllers, startControllers } from './start-controllers.js';
import { ManualClock } from './test-clock.test-util.js';

let server: KubeServer;
let controllers: RunningControllers;

afterEach(async () => {
  await controllers?.stop();
  await server?.close();
});

const deployment = (spec: Partial<NonNullable<Deployment['spec']>>, annotations: Record<string, string> = {}): Deployment => ({
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' }, annotations }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    ...spec,
  },
});

async function start(clock = new ManualClock()) {
  server = await createServer({ now: clock.now });
  controllers = await startControllers(server, { clock });
  return { deployments: server.client.kind('apps/v1', 'Deployment'), clock };
}

const progressing = async (deployments: Awaited<ReturnType<typeof start>>['deployments']) =>
  (await deployments.get('web', { namespace: 'default' })).status?.conditions?.find((condition) => condition.type === 'Progressing');

describe('the Deployment controller', () => {
  it('reports ProgressDeadlineExceeded once a rollout makes no progress for progressDeadlineSeconds on its clock', async () => {
    const { deployments, clock } = await start();
    await deployments.create(deployment({ progressDeadlineSeconds: 60 }, { 'kubekit.dev/never-ready': 'true' }));
    await controllers.settled();
    expect((await progressing(deployments))?.reason).toBe('ReplicaSetUpdated');
    clock.advance(59_000);
    await controllers.settled();
    expect((await progressing(deployments))?.reason).toBe('ReplicaSetUpdated');
    clock.advance(2_000);
    await controllers.settled();
    expect(await progressing(deployments)).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: expect.stringMatching(/^ReplicaSet "web-[a-z0-9]+" has timed out progressing\.$/) });
  });

  it('recreates: the old pods are gone before the new ones start', async () => {
    const { deployments } = await start();
    await deployments.create(deployment({ strategy: { type: 'Recreate' } }));
    await controllers.settled();
    await deployments.modify('web', (current) => void (current.spec!.template.spec!.containers[0]!.image = 'nginx:1.28'), { namespace: 'default' });
    await controllers.settled();
    const pods = (await server.client.kind('v1', 'Pod').list({ namespace: 'default' })).items;
    expect(pods.map((pod) => pod.spec?.containers[0]?.image)).toEqual(['nginx:1.28', 'nginx:1.28']);
    // In the order they were written (by resourceVersion): the scale-down comes before the new pods.
    const events = (await server.client.kind('v1', 'Event').list({ namespace: 'default' })).items
      .filter((event) => event.reason === 'ScalingReplicaSet')
      .sort((a, b) => Number(a.metadata?.resourceVersion) - Number(b.metadata?.resourceVersion))
      .map((event) => event.message?.replace(/web-[a-z0-9]+/, 'RS'));
    expect(events).toEqual(['Scaled up replica set RS from 0 to 2', 'Scaled down replica set RS from 2 to 0', 'Scaled up replica set RS from 0 to 2']);
  });

  it('keeps revisionHistoryLimit old ReplicaSets', async () => {
    const { deployments } = await start();
    await deployments.create(deployment({ revisionHistoryLimit: 1 }));
    for (const tag of ['1.28', '1.29', '1.30']) {
      await controllers.settled();
      await deployments.modify('web', (current) => void (current.spec!.template.spec!.containers[0]!.image = `nginx:${tag}`), { namespace: 'default' });
    }
    await controllers.settled();
    const replicaSets = (await server.client.kind('apps/v1', 'ReplicaSet').list({ namespace: 'default' })).items;
    expect(replicaSets.map((replicaSet) => replicaSet.metadata?.annotations?.['deployment.kubernetes.io/revision']).sort()).toEqual(['3', '4']);
  });
});
