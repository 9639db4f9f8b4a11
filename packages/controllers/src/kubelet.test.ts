import { type KubeServer, createServer } from '@kubekit/server';
import type { Pod } from '@kubekit/types';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeImage } from './kubelet.js';
import { type RunningControllers, startControllers } from './start-controllers.js';
import { ManualClock } from './test-clock.test-util.js';

let server: KubeServer;
let controllers: RunningControllers;
let clock: ManualClock;

afterEach(async () => {
  await controllers?.stop();
  await server?.close();
});

async function start() {
  clock = new ManualClock();
  server = await createServer({ now: clock.now });
  controllers = await startControllers(server, { clock, nodes: 1 });
  return server.client.kind('v1', 'Pod');
}

const pod = (name: string, annotations: Record<string, string>, restartPolicy = 'Always'): Pod => ({
  metadata: { name, namespace: 'default', annotations },
  spec: { restartPolicy, containers: [{ name: 'app', image: 'busybox' }] },
});

async function statusOf(name: string) {
  await controllers.settled();
  return (await server.client.kind('v1', 'Pod').get(name, { namespace: 'default' })).status!;
}

const ready = (status: Pod['status']) => status?.conditions?.find((condition) => condition.type === 'Ready')?.status;

describe('the simulated kubelet', () => {
  it('runs a pod to Ready, with its IP, container status and the real conditions', async () => {
    const pods = await start();
    await pods.create(pod('web', {}));
    const status = await statusOf('web');
    expect(status).toMatchObject({ phase: 'Running', hostIP: '172.18.0.2', podIP: '10.244.1.2', startTime: '2026-01-01T00:00:00Z' });
    expect(status.conditions?.map((condition) => `${condition.type}=${condition.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    expect(status.containerStatuses?.[0]).toMatchObject({ name: 'app', ready: true, started: true, restartCount: 0, image: 'docker.io/library/busybox:latest', state: { running: { startedAt: '2026-01-01T00:00:00Z' } } });
    expect(status.containerStatuses?.[0]?.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
  });

  it('waits out a start delay and a ready delay on its clock; a never-ready pod stays unready', async () => {
    const pods = await start();
    await pods.create(pod('slow', { 'kubekit.dev/start-delay': '10s', 'kubekit.dev/ready-delay': '5s' }));
    await pods.create(pod('stuck', { 'kubekit.dev/never-ready': 'true' }));
    expect((await statusOf('slow')).containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
    clock.advance(10_000);
    const started = await statusOf('slow');
    expect([started.phase, ready(started)]).toEqual(['Running', 'False']);
    expect(started.conditions?.find((condition) => condition.type === 'Ready')?.message).toBe('containers with unready status: [app]');
    clock.advance(5_000);
    expect(ready(await statusOf('slow'))).toBe('True');
    expect(ready(await statusOf('stuck'))).toBe('False');
  });

  it('finishes a pod that does not restart, and crash-loops one that does', async () => {
    const pods = await start();
    await pods.create(pod('job', {}, 'Never'));
    await pods.create(pod('failing', { 'kubekit.dev/exit-code': '2' }, 'Never'));
    await pods.create(pod('crashing', { 'kubekit.dev/run-for': '1s', 'kubekit.dev/exit-code': '1' }));
    expect((await statusOf('job')).phase).toBe('Succeeded');
    expect((await statusOf('failing')).containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    expect((await statusOf('failing')).phase).toBe('Failed');

    clock.advance(1_000);
    const backingOff = await statusOf('crashing');
    expect(backingOff.containerStatuses?.[0]).toMatchObject({ restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1 } } });
    clock.advance(10_000);
    expect((await statusOf('crashing')).containerStatuses?.[0]).toMatchObject({ restartCount: 1, state: { running: {} } });
  });

  it('crosses an hour of crash-looping in one step without writing an event per skipped restart', async () => {
    const pods = await start();
    await pods.create(pod('crashing', { 'kubekit.dev/run-for': '1s', 'kubekit.dev/exit-code': '1' }));
    await statusOf('crashing');
    clock.advance(3_600_000);
    const status = await statusOf('crashing');
    expect(status.containerStatuses?.[0]?.restartCount).toBeGreaterThan(10);
    const events = (await server.client.kind('v1', 'Event').list({ namespace: 'default' })).items.filter((event) => event.involvedObject.name === 'crashing');
    expect(events.length).toBeLessThan(10);
  });

  it('stops and removes a pod being deleted', async () => {
    const pods = await start();
    await pods.create(pod('web', {}));
    await controllers.settled();
    const deleting = await pods.delete('web', { namespace: 'default' });
    expect(deleting.metadata?.deletionTimestamp).toBe('2026-01-01T00:00:30Z');
    await controllers.settled();
    await expect(pods.get('web', { namespace: 'default' })).rejects.toMatchObject({ status: { code: 404 } });
    const events = await server.client.kind('v1', 'Event').list({ namespace: 'default' });
    expect(events.items.map((event) => event.reason)).toEqual(expect.arrayContaining(['Scheduled', 'Pulled', 'Created', 'Started', 'Killing']));
  });
});

describe('normalizeImage', () => {
  it('spells image references as containerd reports them', () => {
    expect(normalizeImage('nginx')).toBe('docker.io/library/nginx:latest');
    expect(normalizeImage('nginx:1.27')).toBe('docker.io/library/nginx:1.27');
    expect(normalizeImage('bitnami/redis')).toBe('docker.io/bitnami/redis:latest');
    expect(normalizeImage('registry.k8s.io/pause:3.10')).toBe('registry.k8s.io/pause:3.10');
    expect(normalizeImage('localhost:5000/app')).toBe('localhost:5000/app:latest');
  });
});

describe('the simulated nodes', () => {
  it('hold a Lease in kube-node-lease that their kubelet renews on the clock, and tell their registration in events', async () => {
    await start();
    const leases = server.client.kind('coordination.k8s.io/v1', 'Lease');
    const lease = await leases.get('node-1', { namespace: 'kube-node-lease' });
    expect(lease.spec).toMatchObject({ holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2026-01-01T00:00:00.000000Z' });
    clock.advance(10_000);
    // The renewal is a few awaits away: give it turns of the event loop, not time.
    const renewed = async () => (await leases.get('node-1', { namespace: 'kube-node-lease' })).spec?.renewTime;
    for (let turn = 0; turn < 100 && (await renewed()) !== '2026-01-01T00:00:10.000000Z'; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(await renewed()).toBe('2026-01-01T00:00:10.000000Z');
    const events = await server.client.kind('v1', 'Event').list({ namespace: 'default' });
    expect(events.items.filter((event) => event.involvedObject.kind === 'Node').map((event) => event.reason).sort()).toEqual([
      'NodeHasNoDiskPressure',
      'NodeHasSufficientMemory',
      'NodeHasSufficientPID',
      'NodeReady',
      'RegisteredNode',
      'Starting',
    ]);
  });
});
