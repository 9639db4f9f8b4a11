import { type KubeServer, createServer } from '@kubekit/server';
import type { CronJob } from '@kubekit/types';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningControllers, startControllers } from './start-controllers.js';
import { ManualClock } from './test-clock.test-util.js';

let server: KubeServer;
let controllers: RunningControllers;

afterEach(async () => {
  await controllers?.stop();
  await server?.close();
});

const cronJob = (concurrencyPolicy: string, annotations: Record<string, string> = {}): CronJob => ({
  metadata: { name: 'tick', namespace: 'default' },
  spec: {
    schedule: '*/5 * * * *',
    concurrencyPolicy,
    jobTemplate: { spec: { template: { metadata: { annotations }, spec: { restartPolicy: 'Never', containers: [{ name: 'tick', image: 'busybox' }] } } } },
  },
});

async function start(spec: CronJob) {
  const clock = new ManualClock();
  server = await createServer({ now: clock.now });
  controllers = await startControllers(server, { clock, nodes: 1 });
  await server.client.kind('batch/v1', 'CronJob').create(spec);
  await controllers.settled();
  const jobs = async () => (await server.client.kind('batch/v1', 'Job').list({ namespace: 'default' })).items.filter((job) => !job.metadata?.deletionTimestamp);
  const tick = async () => {
    clock.advance(5 * 60_000);
    await controllers.settled();
  };
  return { jobs, tick };
}

describe('the CronJob controller', () => {
  it('runs a Job at each scheduled time on its clock and keeps the last three that succeeded', async () => {
    const { jobs, tick } = await start(cronJob('Allow'));
    expect(await jobs()).toEqual([]);
    await tick();
    const [first] = await jobs();
    expect(first?.metadata?.name).toBe(`tick-${Date.UTC(2026, 0, 1, 0, 5) / 60_000}`);
    expect(first?.metadata?.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-01-01T00:05:00Z');
    expect(first?.status?.conditions?.map((condition) => condition.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    const status = (await server.client.kind('batch/v1', 'CronJob').get('tick', { namespace: 'default' })).status;
    expect(status).toMatchObject({ lastScheduleTime: '2026-01-01T00:05:00Z', lastSuccessfulTime: '2026-01-01T00:05:00Z' });
    for (let i = 0; i < 4; i++) await tick();
    expect((await jobs()).map((job) => job.metadata?.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'])).toEqual([
      '2026-01-01T00:15:00Z',
      '2026-01-01T00:20:00Z',
      '2026-01-01T00:25:00Z',
    ]);
  });

  it('starts no second Job while one runs under Forbid', async () => {
    const { jobs, tick } = await start(cronJob('Forbid', { 'kubekit.dev/run-for': '1h' }));
    await tick();
    await tick();
    expect(await jobs()).toHaveLength(1);
    const status = (await server.client.kind('batch/v1', 'CronJob').get('tick', { namespace: 'default' })).status;
    expect(status?.active?.map((reference) => reference.name)).toEqual([(await jobs())[0]?.metadata?.name]);
  });
});
