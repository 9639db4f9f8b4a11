import type { Client } from '@kubekit/server';
import type { Job, JobStatus, Pod } from '@kubekit/types';
import { formatTime } from '@kubekit/registry';
import type { Clock } from './clock.js';
import { EventRecorder } from './events.js';
import { type Informer, keyOf } from './informer.js';
import { isActivePod, isControlledBy, isPodReady, podFromTemplate } from './owners.js';
import { QueueController } from './queue-controller.js';

const COMPONENT = 'job-controller';
const FIELD_MANAGER = 'kube-controller-manager';
const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
const DEFAULT_BACKOFF_LIMIT = 6;

const isFinished = (job: Job) => job.status?.conditions?.some((condition) => (condition.type === 'Complete' || condition.type === 'Failed') && condition.status === 'True') ?? false;

/**
 * The Job controller (pkg/controller/job): runs pods from the template until `completions` of
 * them succeed (or, without completions, until one does), at most `parallelism` at a time, one
 * per index for `completionMode: Indexed`; gives up after `backoffLimit` failed pods or
 * `activeDeadlineSeconds`. Status carries startTime, active, ready, succeeded, failed, terminating
 * and completionTime, and the conditions a real cluster reports: SuccessCriteriaMet then Complete,
 * or FailureTarget then Failed. A suspended Job runs no pods.
 */
export class JobController extends QueueController {
  readonly #events: EventRecorder;

  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
    private readonly jobs: Informer<Job>,
    private readonly pods: Informer<Pod>,
    onError: (key: string, error: unknown) => void,
  ) {
    super(clock, onError);
    this.#events = new EventRecorder(client, clock, COMPONENT);
    jobs.on((_event, job) => this.queue.add(keyOf(job)));
    pods.on(this.queueOwner('Job'));
  }

  protected async sync(key: string): Promise<void> {
    const job = this.jobs.get(key);
    if (!job || job.metadata?.deletionTimestamp || isFinished(job)) return;
    const namespace = job.metadata?.namespace ?? '';
    const owned = this.pods.list().filter((pod) => pod.metadata?.namespace === namespace && isControlledBy(pod, job));
    const active = owned.filter(isActivePod);
    const succeeded = owned.filter((pod) => pod.status?.phase === 'Succeeded');
    const failed = owned.filter((pod) => pod.status?.phase === 'Failed');
    const spec = job.spec ?? { template: {} };
    const now = this.clock.now();
    const startTime = job.status?.startTime ?? (spec.suspend ? undefined : formatTime(now));
    const indexed = spec.completionMode === 'Indexed';
    const completions = spec.completions;
    const succeededIndexes = new Set(succeeded.map((pod) => Number(pod.metadata?.annotations?.[COMPLETION_INDEX])));
    const done = indexed ? succeededIndexes.size >= (completions ?? 1) : completions === undefined ? succeeded.length > 0 : succeeded.length >= completions;

    let failure: { reason: string; message: string } | undefined;
    if (!done && failed.length > (spec.backoffLimit ?? DEFAULT_BACKOFF_LIMIT)) failure = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
    const deadline = spec.activeDeadlineSeconds;
    if (!done && !failure && deadline !== undefined && startTime) {
      const expires = Date.parse(startTime) + deadline * 1000;
      if (now >= expires) failure = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
      else this.queue.addAfter(key, expires - now);
    }

    const podClient = this.client.kind('v1', 'Pod');
    if (done || failure || spec.suspend) {
      for (const pod of active) {
        const removed = await podClient.delete(pod.metadata?.name ?? '', { namespace, fieldManager: FIELD_MANAGER });
        this.pods.assumeDeleteResult(removed);
      }
    } else {
      const parallelism = spec.parallelism ?? 1;
      const remaining = indexed || completions === undefined ? parallelism : Math.min(parallelism, completions - succeeded.length);
      const running = new Set(active.map((pod) => Number(pod.metadata?.annotations?.[COMPLETION_INDEX])));
      const freeIndexes = indexed ? Array.from({ length: completions ?? 1 }, (_, index) => index).filter((index) => !succeededIndexes.has(index) && !running.has(index)) : [];
      for (let i = active.length; i < remaining; i++) {
        const index = indexed ? freeIndexes.shift() : undefined;
        if (indexed && index === undefined) break;
        await this.#createPod(job, index);
      }
    }

    const ready = active.filter(isPodReady).length;
    const conditions = [...(job.status?.conditions ?? [])];
    const add = (type: string, reason: string, message: string) => {
      if (conditions.some((condition) => condition.type === type)) return;
      const time = formatTime(now);
      conditions.push({ type, status: 'True', lastProbeTime: time, lastTransitionTime: time, reason, message });
    };
    if (done) {
      add('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods');
      add('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods');
    } else if (failure) {
      add('FailureTarget', failure.reason, failure.message);
      add('Failed', failure.reason, failure.message);
    }
    const status: JobStatus = {
      ...(conditions.length && { conditions }),
      ...(startTime && { startTime }),
      ...(done && { completionTime: job.status?.completionTime ?? formatTime(now) }),
      ...(!done && !failure && active.length > 0 && { active: active.length }),
      ...(succeeded.length > 0 && { succeeded: succeeded.length }),
      ...(failed.length > 0 && { failed: failed.length }),
      ...(indexed && succeededIndexes.size > 0 && { completedIndexes: compressIndexes([...succeededIndexes]) }),
      terminating: owned.filter((pod) => pod.metadata?.deletionTimestamp).length,
      uncountedTerminatedPods: {},
      ready: done || failure ? 0 : ready,
    };
    if (JSON.stringify(status) === JSON.stringify(job.status ?? {})) return;
    const updated = await this.client.kind('batch/v1', 'Job').updateStatus({ ...job, status }, { fieldManager: FIELD_MANAGER });
    this.jobs.assume(updated);
    if (done) this.#events.record(job, 'Normal', 'Completed', 'Job completed');
    else if (failure) this.#events.record(job, 'Warning', failure.reason, failure.message);
  }

  async #createPod(job: Job, index: number | undefined): Promise<void> {
    const template = job.spec?.template ?? {};
    const namespace = job.metadata?.namespace ?? '';
    const name = job.metadata?.name ?? '';
    const created = await this.client.kind('v1', 'Pod').create(
      podFromTemplate(job, 'batch/v1', 'Job', template, {
        generateName: index === undefined ? `${name}-` : `${name}-${index}-`,
        ...(index !== undefined && {
          labels: { [COMPLETION_INDEX]: String(index) },
          annotations: { [COMPLETION_INDEX]: String(index) },
          spec: { hostname: `${name}-${index}`, ...(template.spec?.subdomain && { subdomain: template.spec.subdomain }) },
        }),
      }),
      { namespace, fieldManager: FIELD_MANAGER },
    );
    this.pods.assume(created);
    this.#events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata?.name}`);
  }
}

/** `0,1,2,5` → `0-2,5`: the completedIndexes format. */
function compressIndexes(indexes: number[]): string {
  const sorted = [...indexes].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i]!;
    while (i + 1 < sorted.length && sorted[i + 1] === sorted[i]! + 1) i++;
    ranges.push(start === sorted[i] ? String(start) : `${start}-${sorted[i]}`);
  }
  return ranges.join(',');
}
