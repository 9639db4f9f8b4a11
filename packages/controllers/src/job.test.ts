import { type KubeServer, createServer } from '@kubekit/server';
import type { Job } from '@kubekit/types';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningControllers, startControllers } from './start-controllers.js';

let server: KubeServer;
let controllers: RunningControllers;

afterEach(async () => {
  await controllers?.stop();
  await server?.close();
});

const job = (name: string, spec: Partial<Job['spec']>, annotations: Record<string, string> = {}): Job => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: 'default' },
  spec: { ...spec, template: { metadata: { annotations }, spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox' }] } } },
});

async function run(...jobs: Job[]) {
  server = await createServer();
  controllers = await startControllers(server);
  for (const each of jobs) await server.client.kind('batch/v1', 'Job').create(each);
  await controllers.settled();
  return (name: string) => server.client.kind('batch/v1', 'Job').get(name, { namespace: 'default' });
}

const conditions = (job: Job) => job.status?.conditions?.map((condition) => `${condition.type}=${condition.status} ${condition.reason}`);

describe('the Job controller', () => {
  it('runs pods to completion, parallelism at a time, and reports Complete', async () => {
    const get = await run(job('batch', { completions: 3, parallelism: 2 }));
    const done = await get('batch');
    expect(done.status).toMatchObject({ succeeded: 3, ready: 0, terminating: 0 });
    expect(done.status?.active).toBeUndefined();
    expect(done.status?.completionTime).toBeDefined();
    expect(conditions(done)).toEqual(['SuccessCriteriaMet=True CompletionsReached', 'Complete=True CompletionsReached']);
    const pods = await server.client.kind('v1', 'Pod').list({ namespace: 'default', labelSelector: 'batch.kubernetes.io/job-name=batch' });
    expect(pods.items.map((pod) => pod.status?.phase)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
  });

  it('gives up after backoffLimit failed pods', async () => {
    const get = await run(job('broken', { backoffLimit: 1 }, { 'kubekit.dev/exit-code': '1' }));
    const failed = await get('broken');
    expect(failed.status).toMatchObject({ failed: 2 });
    expect(conditions(failed)).toEqual(['FailureTarget=True BackoffLimitExceeded', 'Failed=True BackoffLimitExceeded']);
  });

  it('runs one pod per index for an Indexed Job', async () => {
    const get = await run(job('indexed', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
    expect((await get('indexed')).status).toMatchObject({ succeeded: 3, completedIndexes: '0-2' });
    const pods = await server.client.kind('v1', 'Pod').list({ namespace: 'default', labelSelector: 'batch.kubernetes.io/job-name=indexed' });
    expect(pods.items.map((pod) => pod.metadata?.annotations?.['batch.kubernetes.io/job-completion-index']).sort()).toEqual(['0', '1', '2']);
    expect(pods.items.map((pod) => pod.metadata?.name).every((name) => /^indexed-[0-2]-[a-z0-9]{5}$/.test(name ?? ''))).toBe(true);
  });
});
