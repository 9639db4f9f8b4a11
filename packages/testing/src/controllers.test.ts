import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startCluster } from './start-cluster.js';

const deployment = (annotations: Record<string, string> = {}) => ({
  metadata: { name: 'web' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' }, annotations }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
  },
});

describe('startCluster({ controllers })', () => {
  it('rolls a Deployment created with client-node out to Running pods on the simulated nodes; reset() keeps the nodes', async () => {
    const cluster = await startCluster({ https: false, controllers: true });
    onTestFinished(() => cluster.close());
    const config = await cluster.kubeConfig();
    await config.makeApiClient(AppsV1Api).createNamespacedDeployment({ namespace: 'default', body: deployment() });
    await cluster.controllers!.settled();

    const core = config.makeApiClient(CoreV1Api);
    const pods = await core.listNamespacedPod({ namespace: 'default' });
    expect(pods.items.map((pod) => pod.status?.phase)).toEqual(['Running', 'Running']);
    const status = (await config.makeApiClient(AppsV1Api).readNamespacedDeployment({ namespace: 'default', name: 'web' })).status;
    expect(status).toMatchObject({ replicas: 2, availableReplicas: 2, updatedReplicas: 2 });

    await cluster.reset();
    await cluster.controllers!.settled();
    expect((await core.listNamespacedPod({ namespace: 'default' })).items).toEqual([]);
    expect((await core.listNode()).items.map((node) => node.metadata?.name)).toEqual(['node-1', 'node-2', 'node-3']);
  });

  it('runs the kubelets on the cluster clock: a start delay passes when the clock is advanced', async () => {
    const cluster = await startCluster({ https: false, controllers: { nodes: 1 }, now: new Date('2026-01-01T00:00:00Z') });
    onTestFinished(() => cluster.close());
    const config = await cluster.kubeConfig();
    await config.makeApiClient(AppsV1Api).createNamespacedDeployment({ namespace: 'default', body: deployment({ 'kubekit.dev/start-delay': '30s' }) });
    await cluster.controllers!.settled();
    const core = config.makeApiClient(CoreV1Api);
    const waiting = (await core.listNamespacedPod({ namespace: 'default' })).items;
    expect(waiting.map((pod) => pod.status?.containerStatuses?.[0]?.state?.waiting?.reason)).toEqual(['ContainerCreating', 'ContainerCreating']);

    cluster.clock.advance(30_000);
    await cluster.controllers!.settled();
    const running = (await core.listNamespacedPod({ namespace: 'default' })).items;
    expect(running.map((pod) => pod.status?.phase)).toEqual(['Running', 'Running']);
    expect(running[0]?.status?.containerStatuses?.[0]?.state?.running?.startedAt).toEqual(new Date('2026-01-01T00:00:30Z'));
  });
});
