import { isStatusError, parseCronSchedule } from '@kubekit/apimachinery';
import type { Client } from '@kubekit/server';
import type { CronJob, CronJobStatus, Job } from '@kubekit/types';
import { formatTime } from '@kubekit/registry';
import type { Clock } from './clock.js';
import { EventRecorder } from './events.js';
import { type Informer, keyOf } from './informer.js';
import { controllerRef, isControlledBy } from './owners.js';
import { QueueController } from './queue-controller.js';

const COMPONENT = 'cronjob-controller';
const FIELD_MANAGER = 'kube-controller-manager';
const SCHEDULED_AT = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

const jobFinished = (job: Job) => job.status?.conditions?.find((condition) => (condition.type === 'Complete' || condition.type === 'Failed') && condition.status === 'True')?.type;

/**
 * The CronJob controller (pkg/controller/cronjob): at each scheduled time on its clock (UTC), a
 * Job `<cronjob>-<minutes since the epoch>` from the jobTemplate, unless suspended or past
 * `startingDeadlineSeconds`; `concurrencyPolicy` Allow, Forbid (skip while one runs) or Replace
 * (delete the running one); finished Jobs beyond successfulJobsHistoryLimit (3) and
 * failedJobsHistoryLimit (1) deleted, oldest first. Status carries the active Jobs,
 * lastScheduleTime and lastSuccessfulTime. A missed run is made up once, not once per miss.
 */
export class CronJobController extends QueueController {
  readonly #events: EventRecorder;

  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
    private readonly cronJobs: Informer<CronJob>,
    private readonly jobs: Informer<Job>,
    onError: (key: string, error: unknown) => void,
  ) {
    super(clock, onError);
    this.#events = new EventRecorder(client, clock, COMPONENT);
    cronJobs.on((_event, cronJob) => this.queue.add(keyOf(cronJob)));
    jobs.on(this.queueOwner('CronJob'));
  }

  protected async sync(key: string): Promise<void> {
    const cronJob = this.cronJobs.get(key);
    if (!cronJob || cronJob.metadata?.deletionTimestamp) return;
    const namespace = cronJob.metadata?.namespace ?? '';
    const spec = cronJob.spec;
    const owned = this.jobs.list().filter((job) => job.metadata?.namespace === namespace && isControlledBy(job, cronJob));
    let running = owned.filter((job) => !jobFinished(job) && !job.metadata?.deletionTimestamp);
    let schedule;
    try {
      schedule = parseCronSchedule(spec?.schedule ?? '');
    } catch {
      return;
    }
    const now = this.clock.now();
    const since = Date.parse(cronJob.status?.lastScheduleTime ?? cronJob.metadata?.creationTimestamp ?? '') || now;
    // The latest scheduled time not after now, if one has passed since the last run.
    let due: number | undefined;
    for (let time = schedule.next(since); time <= now; time = schedule.next(time)) due = time;
    let lastScheduleTime = cronJob.status?.lastScheduleTime;
    const deadline = spec?.startingDeadlineSeconds;
    if (due !== undefined && !spec?.suspend && (deadline === undefined || now - due <= deadline * 1000)) {
      const policy = spec?.concurrencyPolicy ?? 'Allow';
      if (policy === 'Forbid' && running.length > 0) {
        this.#events.record(cronJob, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      } else {
        if (policy === 'Replace') {
          for (const job of running) {
            await this.client.kind('batch/v1', 'Job').delete(job.metadata?.name ?? '', { namespace, propagationPolicy: 'Background', fieldManager: FIELD_MANAGER });
            this.#events.record(cronJob, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata?.name}`);
          }
          running = [];
        }
        const job = await this.#createJob(cronJob, due);
        if (job) running = [...running, job];
      }
      lastScheduleTime = formatTime(due);
    }
    await this.#cleanUp(cronJob, owned);
    const next = schedule.next(now);
    if (Number.isFinite(next)) this.queue.addAfter(key, next - now);

    const succeeded = owned.filter((job) => jobFinished(job) === 'Complete').map((job) => job.status?.completionTime ?? '').sort();
    const status: CronJobStatus = {
      ...(running.length && {
        active: running.map((job) => ({ kind: 'Job', namespace, name: job.metadata?.name, uid: job.metadata?.uid, apiVersion: 'batch/v1', resourceVersion: job.metadata?.resourceVersion })),
      }),
      ...(lastScheduleTime && { lastScheduleTime }),
      ...((succeeded.at(-1) ?? cronJob.status?.lastSuccessfulTime) && { lastSuccessfulTime: succeeded.at(-1) ?? cronJob.status?.lastSuccessfulTime }),
    };
    if (JSON.stringify(status) === JSON.stringify(cronJob.status ?? {})) return;
    const updated = await this.client.kind('batch/v1', 'CronJob').updateStatus({ ...cronJob, status }, { fieldManager: FIELD_MANAGER });
    this.cronJobs.assume(updated);
  }

  async #createJob(cronJob: CronJob, scheduledAt: number): Promise<Job | undefined> {
    const namespace = cronJob.metadata?.namespace ?? '';
    const template = cronJob.spec?.jobTemplate;
    const name = `${cronJob.metadata?.name}-${Math.floor(scheduledAt / 60_000)}`;
    try {
      const job = await this.client.kind('batch/v1', 'Job').create(
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: {
            name,
            namespace,
            labels: { ...template?.metadata?.labels },
            annotations: { ...template?.metadata?.annotations, [SCHEDULED_AT]: formatTime(scheduledAt) },
            ownerReferences: [controllerRef(cronJob, 'batch/v1', 'CronJob')],
          },
          spec: structuredClone(template?.spec ?? { template: {} }),
        },
        { namespace, fieldManager: FIELD_MANAGER },
      );
      this.jobs.assume(job);
      this.#events.record(cronJob, 'Normal', 'SuccessfulCreate', `Created job ${name}`);
      return job;
    } catch (error) {
      // The Job of this time exists already: it was made before a restart or a relist.
      if (isStatusError(error, 'AlreadyExists')) return undefined;
      throw error;
    }
  }

  async #cleanUp(cronJob: CronJob, owned: readonly Job[]): Promise<void> {
    const byAge = (a: Job, b: Job) => (a.status?.startTime ?? a.metadata?.creationTimestamp ?? '').localeCompare(b.status?.startTime ?? b.metadata?.creationTimestamp ?? '');
    const limits: [string, number][] = [
      ['Complete', cronJob.spec?.successfulJobsHistoryLimit ?? 3],
      ['Failed', cronJob.spec?.failedJobsHistoryLimit ?? 1],
    ];
    for (const [type, limit] of limits) {
      const finished = owned.filter((job) => jobFinished(job) === type && !job.metadata?.deletionTimestamp).sort(byAge);
      for (const job of finished.slice(0, Math.max(0, finished.length - limit))) {
        const removed = await this.client.kind('batch/v1', 'Job').delete(job.metadata?.name ?? '', { namespace: job.metadata?.namespace, propagationPolicy: 'Background', fieldManager: FIELD_MANAGER });
        this.jobs.assumeDeleteResult(removed);
        this.#events.record(cronJob, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata?.name}`);
      }
    }
  }
}
