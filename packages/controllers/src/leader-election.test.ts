import { type KubeServer, createServer } from '@kubekit/server';
import { afterEach, describe, expect, it } from 'vitest';
import { type LeaderElection, electLeader } from './leader-election.js';
import { startControllers } from './start-controllers.js';
import { ManualClock } from './test-clock.test-util.js';

let server: KubeServer;
const elections: LeaderElection[] = [];

afterEach(async () => {
  await Promise.all(elections.splice(0).map((election) => election.stop()));
  await server?.close();
});

/** Moves the clock a step at a time, letting each round's requests finish. */
async function pass(clock: ManualClock, ms: number, step = 1_000) {
  for (let passed = 0; passed < ms; passed += step) {
    clock.advance(step);
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  }
}

function candidate(clock: ManualClock, identity: string, log: string[]) {
  const election = electLeader(server.client, clock, { identity }, {
    start: async () => void log.push(`${identity} starts`),
    stop: async () => void log.push(`${identity} stops`),
  });
  elections.push(election);
  return election;
}

const lease = async () => (await server.client.kind('coordination.k8s.io/v1', 'Lease').get('kube-controller-manager', { namespace: 'kube-system' })).spec!;

describe('leader election on the kube-controller-manager Lease', () => {
  it('lets one candidate lead, keeps it while it renews, and hands over when it stops', async () => {
    server = await createServer();
    const clock = new ManualClock();
    const log: string[] = [];
    const a = candidate(clock, 'a', log);
    await a.ready;
    const b = candidate(clock, 'b', log);
    await b.ready;
    expect([a.leading, b.leading]).toEqual([true, false]);
    expect(await lease()).toMatchObject({ holderIdentity: 'a', leaseDurationSeconds: 15, leaseTransitions: 0 });
    expect((await lease()).renewTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    await pass(clock, 60_000);
    expect([a.leading, b.leading]).toEqual([true, false]);
    await a.stop();
    await pass(clock, 2_000);
    expect(b.leading).toBe(true);
    expect(await lease()).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
    expect(log).toEqual(['a starts', 'a stops', 'b starts']);
  });

  it('takes over a Lease whose holder stopped renewing once it has expired, not before', async () => {
    server = await createServer();
    const clock = new ManualClock();
    const log: string[] = [];
    const leases = server.client.kind('coordination.k8s.io/v1', 'Lease');
    const renewTime = new Date(clock.now()).toISOString().replace('Z', '000Z');
    await leases.create({ metadata: { name: 'kube-controller-manager', namespace: 'kube-system' }, spec: { holderIdentity: 'gone', leaseDurationSeconds: 15, renewTime } }, {});
    const b = candidate(clock, 'b', log);
    await b.ready;
    await pass(clock, 12_000);
    expect(b.leading).toBe(false);
    await pass(clock, 6_000);
    expect(b.leading).toBe(true);
    expect(await lease()).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
  });

  it('runs the controllers only while leading', async () => {
    server = await createServer();
    const clock = new ManualClock();
    const leader = await startControllers(server, { clock, controllers: ['nodes'], nodes: 1, leaderElection: { identity: 'a' } });
    const follower = await startControllers(server, { clock, controllers: ['nodes'], nodes: 1, leaderElection: { identity: 'b' } });
    expect([leader.leading, follower.leading]).toEqual([true, false]);
    expect((await server.client.kind('v1', 'Node').list()).items.map((node) => node.metadata?.name)).toEqual(['node-1']);
    await leader.stop();
    await pass(clock, 2_000);
    expect(follower.leading).toBe(true);
    await follower.stop();
  });
});
