import { type FieldError, fieldInvalid, fieldNotSupported, fieldRequired, formatLabelSelector, translateTimestampSince } from '@kubekit/apimachinery';
import type { KubeObject, ObjectMetaLike } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';
import { type JobSpec, validateJobSpec } from './batch-job-spec.js';
import { cronScheduleError } from '@kubekit/apimachinery';
import { validateNonnegative } from './field-checks.js';
import { defaultPodTemplate } from './pod-spec-defaults.js';
import { containerColumns } from './table-format.js';

interface CronJob extends KubeObject {
  spec?: {
    schedule?: string;
    timeZone?: string;
    startingDeadlineSeconds?: number;
    concurrencyPolicy?: string;
    suspend?: boolean;
    jobTemplate?: { metadata?: ObjectMetaLike; spec?: JobSpec };
    successfulJobsHistoryLimit?: number;
    failedJobsHistoryLimit?: number;
  };
  status?: { active?: unknown[]; lastScheduleTime?: string; lastSuccessfulTime?: string };
}

const POLICIES = ['Allow', 'Forbid', 'Replace'];

/**
 * validateScheduleFormat: the cron parser's error, and no TZ in the schedule itself (only a
 * CronJob from before the timeZone field may keep one, which cannot be created any more).
 */
function validateSchedule(schedule: string): FieldError[] {
  const errors: FieldError[] = [];
  const parseError = cronScheduleError(schedule);
  if (parseError) errors.push(fieldInvalid('spec.schedule', schedule, parseError));
  if (schedule.includes('TZ')) errors.push(fieldInvalid('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  return errors;
}

/** validateTimeZone: an IANA name Node knows too (Intl stands in for time.LoadLocation). */
function validateTimeZone(timeZone: string | undefined): FieldError[] {
  if (timeZone === undefined) return [];
  if (timeZone === '') return [fieldInvalid('spec.timeZone', timeZone, 'timeZone must be nil or non-empty string')];
  const valid = timeZone.split('/').every((part) => part !== '.' && part !== '..' && !part.startsWith('-') && /^[A-Za-z.\-_0-9+]{1,14}$/.test(part));
  if (!valid) return [fieldInvalid('spec.timeZone', timeZone, `unknown time zone ${timeZone}`)];
  if (timeZone.toLowerCase() === 'local') {
    return [fieldInvalid('spec.timeZone', timeZone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones')];
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return [];
  } catch {
    return [fieldInvalid('spec.timeZone', timeZone, `unknown time zone ${timeZone}`)];
  }
}

/** ValidateCronJobCreate: validateCronJobSpec and a name short enough for the Jobs' names. */
function validateCronJob(cronJob: CronJob): FieldError[] {
  const spec = cronJob.spec ?? {};
  const errors: FieldError[] = [];
  if (!spec.schedule) errors.push(fieldRequired('spec.schedule', ''));
  else errors.push(...validateSchedule(spec.schedule));
  errors.push(...validateNonnegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  errors.push(...validateTimeZone(spec.timeZone));
  if (!spec.concurrencyPolicy) errors.push(fieldRequired('spec.concurrencyPolicy', ''));
  else if (!POLICIES.includes(spec.concurrencyPolicy)) errors.push(fieldNotSupported('spec.concurrencyPolicy', spec.concurrencyPolicy, POLICIES));
  const jobSpec = spec.jobTemplate?.spec ?? {};
  errors.push(...validateJobSpec(jobSpec, 'spec.jobTemplate.spec'));
  // ValidateJobTemplateSpec: the selector of each Job is generated.
  if (jobSpec.selector) errors.push(fieldInvalid('spec.jobTemplate.spec.selector', jobSpec.selector, '`selector` will be auto-generated'));
  if (jobSpec.manualSelector === true) errors.push(fieldNotSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
  errors.push(...validateNonnegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
  errors.push(...validateNonnegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  // The controller appends an 11-character suffix to a Job's name, which must stay a DNS-1035 label.
  const name = cronJob.metadata?.name ?? '';
  if (name.length > 52) errors.push(fieldInvalid('metadata.name', name, 'must be no more than 52 characters'));
  return errors;
}

export const cronJobs: ResourceDefinition<CronJob> = {
  group: 'batch',
  version: 'v1',
  kind: 'CronJob',
  resource: 'cronjobs',
  singular: 'cronjob',
  namespaced: true,
  shortNames: ['cj'],
  categories: ['all'],
  statusSubresource: true,
  generation: true,
  columns: [
    { name: 'Schedule', type: 'string', description: 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.', cell: (c) => c.spec?.schedule ?? '' },
    { name: 'Timezone', type: 'string', description: 'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones.', cell: (c) => c.spec?.timeZone ?? '<none>' },
    {
      name: 'Suspend',
      type: 'boolean',
      description: 'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.',
      cell: (c) => (c.spec?.suspend === undefined ? '<unset>' : c.spec.suspend ? 'True' : 'False'),
    },
    { name: 'Active', type: 'integer', description: 'A list of pointers to currently running jobs.', cell: (c) => c.status?.active?.length ?? 0 },
    {
      name: 'Last Schedule',
      type: 'string',
      description: 'Information when was the last time the job was successfully scheduled.',
      cell: (c, now) => (c.status?.lastScheduleTime ? translateTimestampSince(c.status.lastScheduleTime, now) : '<none>'),
    },
    ageColumn,
    ...containerColumns<CronJob>((c) => c.spec?.jobTemplate?.spec?.template?.spec?.containers),
    {
      name: 'Selector',
      type: 'string',
      priority: 1,
      description: 'A label query over pods that should match the pod count.',
      cell: (c) => formatLabelSelector(c.spec?.jobTemplate?.spec?.selector),
    },
  ],
  strategy: {
    defaults(cronJob) {
      const spec = (cronJob.spec ??= {});
      spec.concurrencyPolicy ||= 'Allow';
      spec.suspend ??= false;
      spec.successfulJobsHistoryLimit ??= 3;
      spec.failedJobsHistoryLimit ??= 1;
      const jobSpec = ((spec.jobTemplate ??= {}).spec ??= {});
      jobSpec.template = defaultPodTemplate(jobSpec.template);
    },
    prepareForCreate(cronJob) {
      cronJob.status = {};
    },
    validate: validateCronJob,
  },
};
