import { type KubeServer, createServer } from '@kubekit/server';
import type { Deployment } from '@kubekit/types';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningControllers, startControllers } from './start-controllers.js';

let server: KubeServer;
let controllers: RunningControllers;

afterEach(async () => {
  await controllers?.stop();
  await server?.close();
});

async function start() {
  server = await createServer();
  const errors: unknown[] = [];
  controllers = await startControllers(server, { onError: (_name, _key, error) => errors.push(error) });
  return { client: server.client, errors };
}

const deployment = (replicas: number, image = 'nginx:1.25'): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
  },
});

describe('startControllers', () => {
  it('registers three Ready nodes', async () => {
    const { client } = await start();
    const nodes = await client.kind('v1', 'Node').list();
    expect(nodes.items.map((node) => node.metadata?.name)).toEqual(['node-1', 'node-2', 'node-3']);
    expect(nodes.items[0]?.status?.conditions?.find((condition) => condition.type === 'Ready')?.status).toBe('True');
  });

  it('rolls a Deployment out: a ReplicaSet, scheduled Running Ready pods, status and conditions', async () => {
    const { client, errors } = await start();
    await client.kind('apps/v1', 'Deployment').create(deployment(3));
    await controllers.settled();

    const [replicaSet, ...others] = (await client.kind('apps/v1', 'ReplicaSet').list({ namespace: 'default' })).items;
    expect(others).toEqual([]);
    const hash = replicaSet?.metadata?.labels?.['pod-template-hash'];
    expect(replicaSet?.metadata?.name).toBe(`web-${hash}`);
    expect(replicaSet?.metadata?.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3' });
    expect(replicaSet?.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3 });

    const pods = (await client.kind('v1', 'Pod').list({ namespace: 'default' })).items;
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.metadata?.name).toMatch(new RegExp(`^web-${hash}-[a-z0-9]{5}$`));
      expect(pod.status?.phase).toBe('Running');
      expect(pod.status?.conditions?.find((condition) => condition.type === 'Ready')?.status).toBe('True');
      expect(pod.status?.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
    }
    expect(new Set(pods.map((pod) => pod.spec?.nodeName))).toEqual(new Set(['node-1', 'node-2', 'node-3']));

    const rolled = await client.kind('apps/v1', 'Deployment').get('web', { namespace: 'default' });
    expect(rolled.metadata?.generation).toBe(1);
    expect(rolled.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(rolled.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(rolled.status?.conditions?.map((condition) => `${condition.type} ${condition.status} ${condition.reason}`)).toEqual([
      'Available True MinimumReplicasAvailable',
      'Progressing True NewReplicaSetAvailable',
    ]);
    expect(errors).toEqual([]);
  });

  it('rolls a new template out and keeps the old ReplicaSet at 0; scaling changes the pod count', async () => {
    const { client, errors } = await start();
    const deployments = client.kind('apps/v1', 'Deployment');
    await deployments.create(deployment(4));
    await controllers.settled();
    await deployments.modify('web', (current) => void (current.spec!.template.spec!.containers[0]!.image = 'nginx:1.27'), { namespace: 'default' });
    await controllers.settled();

    const replicaSets = (await client.kind('apps/v1', 'ReplicaSet').list({ namespace: 'default' })).items;
    expect(replicaSets.map((replicaSet) => [replicaSet.metadata?.annotations?.['deployment.kubernetes.io/revision'], replicaSet.spec?.replicas]).sort()).toEqual([
      ['1', 0],
      ['2', 4],
    ]);
    let pods = (await client.kind('v1', 'Pod').list({ namespace: 'default' })).items;
    expect(pods.map((pod) => pod.spec?.containers[0]?.image)).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.27', 'nginx:1.27']);

    await deployments.modify('web', (current) => void (current.spec!.replicas = 2), { namespace: 'default' });
    await controllers.settled();
    pods = (await client.kind('v1', 'Pod').list({ namespace: 'default' })).items;
    expect(pods).toHaveLength(2);
    expect((await deployments.get('web', { namespace: 'default' })).status).toMatchObject({ replicas: 2, availableReplicas: 2, observedGeneration: 3 });
    expect(errors).toEqual([]);
  });
});

describe('the root CA publisher', () => {
  it('puts kube-root-ca.crt in every namespace, new ones too, and puts it back when deleted', async () => {
    server = await createServer();
    controllers = await startControllers(server, { rootCA: 'PEM', controllers: ['root-ca'] });
    const configMaps = server.client.kind('v1', 'ConfigMap');
    await server.client.kind('v1', 'Namespace').create({ metadata: { name: 'team' } });
    await controllers.settled();
    for (const namespace of ['default', 'kube-system', 'team']) {
      expect((await configMaps.get('kube-root-ca.crt', { namespace })).data).toEqual({ 'ca.crt': 'PEM' });
    }
    await configMaps.delete('kube-root-ca.crt', { namespace: 'team' });
    await controllers.settled();
    expect((await configMaps.get('kube-root-ca.crt', { namespace: 'team' })).data).toEqual({ 'ca.crt': 'PEM' });
  });
});
