import { type FieldError, fieldInvalid, fieldRequired, formatLabelSelector, humanDuration, isDNS1123Label } from '@kubekit/apimachinery';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';
import { type JobSpec, defaultJobSpec, validateJobSpec } from './batch-job-spec.js';
import { validateImmutable } from './field-checks.js';
import { defaultPodTemplate } from './pod-spec-defaults.js';
import { containerColumns } from './table-format.js';
import { asSelector, validateLabelSelector, validateSelectorMatchesTemplate } from './workload-validation.js';

interface Job extends KubeObject {
  spec?: JobSpec;
  status?: {
    conditions?: { type?: string; status?: string }[];
    startTime?: string;
    completionTime?: string;
    succeeded?: number;
    [key: string]: unknown;
  };
}

// batch.ControllerUidLabel, batch.JobNameLabel and their legacy unprefixed forms.
const UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];
const NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name'];

/** generateSelector (job strategy): the job's labels on its template, its uid in the selector. */
function generateSelector(job: Job): void {
  const spec = (job.spec ??= {});
  const template = (spec.template ??= {});
  const labels = ((template.metadata ??= {}).labels ??= {});
  for (const key of NAME_LABELS) labels[key] ??= job.metadata?.name ?? '';
  for (const key of UID_LABELS) labels[key] ??= job.metadata?.uid ?? '';
  const matchLabels = ((spec.selector ??= {}).matchLabels ??= {});
  matchLabels['batch.kubernetes.io/controller-uid'] ??= job.metadata?.uid ?? '';
}

/** validateGeneratedSelector: the generated labels are on the template, and the selector is theirs. */
function validateGeneratedSelector(job: Job): FieldError[] {
  const spec = job.spec ?? {};
  if (spec.manualSelector === true || !spec.selector) return [];
  const errors: FieldError[] = [];
  const uid = job.metadata?.uid ?? '';
  const name = job.metadata?.name ?? '';
  const labels = spec.template?.metadata?.labels ?? {};
  const expected: Record<string, string> = {};
  for (const [key, value] of [[UID_LABELS[0]!, uid], [NAME_LABELS[0]!, name], [UID_LABELS[1]!, uid], [NAME_LABELS[1]!, name]] as const) {
    expected[key] = value;
    const path = `spec.template.metadata.labels[${key}]`;
    if (!(key in labels)) errors.push(fieldRequired(path, value));
    else if (labels[key] !== value) errors.push(fieldInvalid(path, labels, `must be '${value}'`));
  }
  if (!asSelector(spec.selector)?.matches(expected)) errors.push(fieldInvalid('spec.selector', spec.selector, '`selector` not auto-generated'));
  return errors;
}

/** ValidateJob: the generated selector, the spec, and the pod hostnames of an Indexed Job. */
function validateJob(job: Job): FieldError[] {
  const spec = job.spec ?? {};
  const errors = [...validateGeneratedSelector(job), ...validateJobSpec(spec, 'spec')];
  if (!spec.selector) errors.push(fieldRequired('spec.selector', ''));
  else errors.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const selector = asSelector(spec.selector);
  if (selector) errors.push(...validateSelectorMatchesTemplate(selector, spec.template, 'spec.template'));
  if (spec.completionMode === 'Indexed' && (spec.completions ?? 0) > 0) {
    const hostname = `${job.metadata?.name ?? ''}-${(spec.completions ?? 0) - 1}`;
    if (isDNS1123Label(hostname).length > 0) {
      errors.push(fieldInvalid('metadata.name', job.metadata?.name ?? '', `will not able to create pod with invalid DNS label: ${hostname}`));
    }
  }
  return errors;
}

/** ValidateJobSpecUpdate: most of a Job's spec is fixed once created. */
function validateJobUpdate(job: Job, old: Readonly<Job>): FieldError[] {
  const spec = job.spec ?? {};
  const previous = old.spec ?? {};
  const errors: FieldError[] = [];
  if (spec.completionMode !== 'Indexed') errors.push(...validateImmutable(spec.completions, previous.completions, 'spec.completions'));
  else if (spec.completions !== previous.completions && spec.completions !== undefined && spec.completions !== spec.parallelism) {
    errors.push(fieldInvalid('spec.completions', spec.completions, 'can only be modified in tandem with spec.parallelism'));
  }
  errors.push(...validateImmutable(spec.selector, previous.selector, 'spec.selector'));
  errors.push(...validateImmutable(spec.template, previous.template, 'spec.template'));
  for (const field of ['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy'] as const) {
    errors.push(...validateImmutable(spec[field], previous[field], `spec.${field}`));
  }
  return errors;
}

function condition(job: Job, type: string): boolean {
  return job.status?.conditions?.find((c) => c.type === type)?.status === 'True';
}

/** printJob's STATUS. */
function jobStatus(job: Job): string {
  if (condition(job, 'Complete')) return 'Complete';
  if (condition(job, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (condition(job, 'Suspended')) return 'Suspended';
  if (condition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function completions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec?.completions !== undefined) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function duration(job: Job, now: number): string {
  const start = Date.parse(job.status?.startTime ?? '');
  if (Number.isNaN(start)) return '';
  const end = Date.parse(job.status?.completionTime ?? '');
  return humanDuration((Number.isNaN(end) ? now : end) - start);
}

export const jobs: ResourceDefinition<Job> = {
  group: 'batch',
  version: 'v1',
  kind: 'Job',
  resource: 'jobs',
  singular: 'job',
  namespaced: true,
  categories: ['all'],
  statusSubresource: true,
  generation: true,
  fieldSelectors: { 'status.successful': (job) => String(job.status?.succeeded ?? 0) },
  columns: [
    { name: 'Status', type: 'string', description: 'Status of the job.', cell: jobStatus },
    { name: 'Completions', type: 'string', description: 'The number of pods which reached phase Succeeded.', cell: completions },
    { name: 'Duration', type: 'string', description: 'Time required to complete the job.', cell: duration },
    ageColumn,
    ...containerColumns<Job>((job) => job.spec?.template?.spec?.containers),
    { name: 'Selector', type: 'string', priority: 1, description: 'A label query over pods that should match the pod count.', cell: (job) => formatLabelSelector(job.spec?.selector) },
  ],
  strategy: {
    defaults(job) {
      const spec = (job.spec ??= {});
      defaultJobSpec(spec);
      spec.template = defaultPodTemplate(spec.template);
      // SetDefaults_Job: a Job without labels takes its template's.
      const templateLabels = spec.template.metadata?.labels;
      const meta = (job.metadata ??= {});
      if (templateLabels && Object.keys(meta.labels ?? {}).length === 0) meta.labels = { ...templateLabels };
    },
    prepareForCreate(job) {
      job.status = {};
      if (job.spec?.manualSelector !== true) generateSelector(job);
      // The defaults run again when the new Job is read back: a Job still without labels takes the generated ones.
      const meta = (job.metadata ??= {});
      const templateLabels = job.spec?.template?.metadata?.labels;
      if (templateLabels && Object.keys(meta.labels ?? {}).length === 0) meta.labels = { ...templateLabels };
    },
    validate: validateJob,
    validateUpdate: validateJobUpdate,
  },
};
