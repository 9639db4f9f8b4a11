import { type KubeServer, createServer } from '@kubekit/server';
import type { DaemonSet, StatefulSet } from '@kubekit/types';
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
  controllers = await startControllers(server);
  return server.client;
}

const template = (image: string) => ({ metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image }] } });

describe('the StatefulSet controller', () => {
  it('creates ordered pods with claims, rolls an update out from the top, and scales down from the top', async () => {
    const client = await start();
    const sets = client.kind('apps/v1', 'StatefulSet');
    const set: StatefulSet = {
      metadata: { name: 'db', namespace: 'default' },
      spec: {
        replicas: 3,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: template('postgres:16'),
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    };
    await sets.create(set);
    await controllers.settled();
    const pods = async () => (await client.kind('v1', 'Pod').list({ namespace: 'default', labelSelector: 'app=db' })).items.filter((pod) => !pod.metadata?.deletionTimestamp);
    expect((await pods()).map((pod) => [pod.metadata?.name, pod.spec?.hostname, pod.spec?.subdomain, pod.status?.phase])).toEqual([
      ['db-0', 'db-0', 'db', 'Running'],
      ['db-1', 'db-1', 'db', 'Running'],
      ['db-2', 'db-2', 'db', 'Running'],
    ]);
    const claims = await client.kind('v1', 'PersistentVolumeClaim').list({ namespace: 'default' });
    expect(claims.items.map((claim) => claim.metadata?.name)).toEqual(['data-db-0', 'data-db-1', 'data-db-2']);
    const first = await sets.get('db', { namespace: 'default' });
    expect(first.status).toMatchObject({ replicas: 3, readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    expect(first.status?.currentRevision).toBe(first.status?.updateRevision);

    await sets.modify('db', (current) => void (current.spec!.template.spec!.containers[0]!.image = 'postgres:17'), { namespace: 'default' });
    await controllers.settled();
    expect((await pods()).map((pod) => pod.spec?.containers[0]?.image)).toEqual(['postgres:17', 'postgres:17', 'postgres:17']);
    const rolled = await sets.get('db', { namespace: 'default' });
    expect(rolled.status?.updateRevision).not.toBe(first.status?.updateRevision);
    expect(rolled.status?.currentRevision).toBe(rolled.status?.updateRevision);

    await sets.modify('db', (current) => void (current.spec!.replicas = 1), { namespace: 'default' });
    await controllers.settled();
    expect((await pods()).map((pod) => pod.metadata?.name)).toEqual(['db-0']);
  });
});

describe('the DaemonSet controller', () => {
  it('runs one pod on every node, and replaces them when the template changes', async () => {
    const client = await start();
    const daemonSets = client.kind('apps/v1', 'DaemonSet');
    const daemonSet: DaemonSet = { metadata: { name: 'agent', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'db' } }, template: template('agent:1') } };
    await daemonSets.create(daemonSet);
    await controllers.settled();
    const pods = async () => (await client.kind('v1', 'Pod').list({ namespace: 'default' })).items.filter((pod) => !pod.metadata?.deletionTimestamp);
    expect((await pods()).map((pod) => pod.spec?.nodeName).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    expect((await daemonSets.get('agent', { namespace: 'default' })).status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 3, numberAvailable: 3, numberMisscheduled: 0 });

    await daemonSets.modify('agent', (current) => void (current.spec!.template.spec!.containers[0]!.image = 'agent:2'), { namespace: 'default' });
    await controllers.settled();
    expect((await pods()).map((pod) => pod.spec?.containers[0]?.image)).toEqual(['agent:2', 'agent:2', 'agent:2']);
    expect((await daemonSets.get('agent', { namespace: 'default' })).status).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3 });
  });
});

describe('the ReplicationController controller', () => {
  it('keeps the replicas a ReplicationController asks for, with the selector defaulted from the template', async () => {
    const client = await start();
    const controllers_ = client.resource('v1', 'replicationcontrollers');
    await controllers_.create({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'legacy', namespace: 'default' }, spec: { replicas: 2, template: template('nginx') } });
    await controllers.settled();
    const pods = (await client.kind('v1', 'Pod').list({ namespace: 'default', labelSelector: 'app=db' })).items;
    expect(pods.map((pod) => [pod.metadata?.ownerReferences?.[0]?.kind, pod.status?.phase])).toEqual([
      ['ReplicationController', 'Running'],
      ['ReplicationController', 'Running'],
    ]);
    const rc = (await controllers_.get('legacy', { namespace: 'default' })) as { spec?: { selector?: unknown }; status?: unknown };
    expect(rc.spec?.selector).toEqual({ app: 'db' });
    expect(rc.status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2 });
  });
});
