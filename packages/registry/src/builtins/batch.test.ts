import { describe, expect, it } from 'vitest';
import { row, storeOf } from './catalogue.test-util.js';
import type { KubeObject } from '../kube-object.js';
import { cronScheduleError } from '@kubekit/apimachinery';

const batch = (resource: string) => storeOf('batch', resource);

const podTemplate = (restartPolicy?: string) => ({ spec: { ...(restartPolicy && { restartPolicy }), containers: [{ name: 'pi', image: 'perl' }] } });

describe('jobs', () => {
  it('gets the batch/v1 defaults and a generated selector with the job uid', async () => {
    const store = await batch('jobs');
    const { object } = await store.create('default', { metadata: { name: 'pi' }, spec: { template: podTemplate('Never') } });
    const uid = object.metadata?.uid ?? '';
    const generated = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' };
    expect(object.spec).toMatchObject({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      manualSelector: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      template: { metadata: { labels: generated }, spec: { restartPolicy: 'Never' } },
    });
    // Read back, a Job without labels takes its template's (SetDefaults_Job).
    expect(object.metadata?.labels).toEqual(generated);
    expect(object.status).toEqual({});
    expect(object.metadata?.generation).toBe(1);
    expect((await store.list({ fieldSelector: 'status.successful=0' })).items).toHaveLength(1);
  });

  it('needs a restartPolicy of OnFailure or Never', async () => {
    const store = await batch('jobs');
    await expect(store.create('default', { metadata: { name: 'pi' }, spec: { template: podTemplate() } })).rejects.toMatchObject({
      status: { message: 'Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"' },
    });
  });

  it('refuses a selector it did not generate, and template changes', async () => {
    const store = await batch('jobs');
    await expect(
      store.create('default', { metadata: { name: 'pi' }, spec: { selector: { matchLabels: { app: 'pi' } }, template: { ...podTemplate('Never'), metadata: { labels: { app: 'pi' } } } } }),
    ).rejects.toMatchObject({ status: { message: expect.stringContaining('spec.selector: Invalid value: ') } });
    await store.create('default', { metadata: { name: 'pi' }, spec: { template: podTemplate('Never') } });
    await expect(
      store.update('default', 'pi', (current) => {
        const next = structuredClone(current) as { spec: { template: { spec: { containers: { image: string }[] } } } };
        next.spec.template.spec.containers[0]!.image = 'perl:2';
        return next as KubeObject;
      }),
    ).rejects.toMatchObject({ status: { message: expect.stringMatching(/^Job\.batch "pi" is invalid: spec\.template: Invalid value: .*: field is immutable$/) } });
  });

  it('prints STATUS, COMPLETIONS and DURATION as printJob does', async () => {
    const store = await batch('jobs');
    const { object } = await store.create('default', { metadata: { name: 'pi' }, spec: { template: podTemplate('Never') } });
    const running = row(store, { ...object, status: { startTime: '2026-01-01T11:59:30Z' } });
    expect(running).toMatchObject({ Status: 'Running', Completions: '0/1', Duration: '30s', Containers: 'pi', Images: 'perl' });
    const complete = row(store, {
      ...object,
      status: { succeeded: 1, startTime: '2026-01-01T11:00:00Z', completionTime: '2026-01-01T11:00:42Z', conditions: [{ type: 'Complete', status: 'True' }] },
    });
    expect(complete).toMatchObject({ Status: 'Complete', Completions: '1/1', Duration: '42s' });
  });
});

describe('cronjobs', () => {
  const cronJob = (schedule: string) => ({ metadata: { name: 'hello' }, spec: { schedule, jobTemplate: { spec: { template: podTemplate('OnFailure') } } } });

  it('gets the CronJob defaults and prints its columns', async () => {
    const store = await batch('cronjobs');
    const { object } = await store.create('default', cronJob('*/5 * * * *'));
    expect(object.spec).toMatchObject({
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', dnsPolicy: 'ClusterFirst' } } } },
    });
    expect(object.status).toEqual({});
    expect(row(store, object)).toMatchObject({ Schedule: '*/5 * * * *', Timezone: '<none>', Suspend: 'False', Active: 0, 'Last Schedule': '<none>', Selector: '<none>' });
  });

  it('reports the cron parser errors', async () => {
    const store = await batch('cronjobs');
    await expect(store.create('default', cronJob('every minute'))).rejects.toMatchObject({
      status: { message: 'CronJob.batch "hello" is invalid: spec.schedule: Invalid value: "every minute": expected exactly 5 fields, found 2: [every minute]' },
    });
    expect(cronScheduleError('0 0 * * *')).toBeUndefined();
    expect(cronScheduleError('@daily')).toBeUndefined();
    expect(cronScheduleError('0 0 * jan-mar mon')).toBeUndefined();
    expect(cronScheduleError('61 * * * *')).toBe('end of range (61) above maximum (59): 61');
    expect(cronScheduleError('x * * * *')).toBe('failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
    expect(cronScheduleError('@often')).toBe('unrecognized descriptor: @often');
  });
});
