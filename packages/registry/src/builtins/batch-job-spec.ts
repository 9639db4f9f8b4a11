import { type FieldError, fieldInvalid, fieldNotSupported, fieldRequired } from '@kubekit/apimachinery';
import { validateNonnegative } from './field-checks.js';
import { validatePodTemplateSpec } from './pod-spec-validation.js';
import type { TemplatedSpec } from './pod-types.js';

/*
 * batch/v1 JobSpec: the defaults of SetDefaults_Job and the checks of validateJobSpec
 * (pkg/apis/batch/validation/validation.go) that Jobs and CronJob templates share.
 */

export interface JobSpec extends TemplatedSpec {
  parallelism?: number;
  completions?: number;
  activeDeadlineSeconds?: number;
  backoffLimit?: number;
  backoffLimitPerIndex?: number;
  maxFailedIndexes?: number;
  ttlSecondsAfterFinished?: number;
  completionMode?: string;
  suspend?: boolean;
  manualSelector?: boolean;
  podFailurePolicy?: unknown;
  podReplacementPolicy?: string;
  successPolicy?: unknown;
  managedBy?: string;
}

/** SetDefaults_Job's spec part (a CronJob's job template gets only the pod template defaults). */
export function defaultJobSpec(spec: JobSpec): void {
  // A non-parallel job: both unset means one pod, once.
  if (spec.completions === undefined && spec.parallelism === undefined) spec.completions = 1;
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  spec.manualSelector ??= false;
}

/** validateJobSpec: counts, completion mode, the pod template, and a restartPolicy of OnFailure or Never. */
export function validateJobSpec(spec: JobSpec, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes'] as const) {
    errors.push(...validateNonnegative(spec[field], `${path}.${field}`));
  }
  if (spec.maxFailedIndexes !== undefined && spec.backoffLimitPerIndex === undefined) {
    errors.push(fieldRequired(`${path}.backoffLimitPerIndex`, 'when maxFailedIndexes is specified'));
  }
  if (spec.completionMode !== undefined) {
    if (spec.completionMode !== 'NonIndexed' && spec.completionMode !== 'Indexed') {
      errors.push(fieldNotSupported(`${path}.completionMode`, spec.completionMode, ['NonIndexed', 'Indexed']));
    }
    if (spec.completionMode === 'Indexed' && spec.completions === undefined) {
      errors.push(fieldRequired(`${path}.completions`, 'when completion mode is Indexed'));
    }
  }
  if (spec.completionMode !== 'Indexed') {
    if (spec.backoffLimitPerIndex !== undefined) errors.push(fieldInvalid(`${path}.backoffLimitPerIndex`, spec.backoffLimitPerIndex, 'requires indexed completion mode'));
    if (spec.maxFailedIndexes !== undefined) errors.push(fieldInvalid(`${path}.maxFailedIndexes`, spec.maxFailedIndexes, 'requires indexed completion mode'));
  }
  if (spec.podReplacementPolicy && !['Failed', 'TerminatingOrFailed'].includes(spec.podReplacementPolicy)) {
    errors.push(fieldNotSupported(`${path}.podReplacementPolicy`, spec.podReplacementPolicy, ['Failed', 'TerminatingOrFailed']));
  }
  errors.push(...validatePodTemplateSpec(spec.template, `${path}.template`));
  // The template's restartPolicy was defaulted to Always when left out, hence `Required`.
  const restartPolicy = spec.template?.spec?.restartPolicy ?? '';
  if (restartPolicy === 'Always' || restartPolicy === '') {
    errors.push(fieldRequired(`${path}.template.spec.restartPolicy`, 'valid values: "OnFailure", "Never"'));
  } else if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') {
    errors.push(fieldNotSupported(`${path}.template.spec.restartPolicy`, restartPolicy, ['OnFailure', 'Never']));
  } else if (spec.podFailurePolicy && restartPolicy !== 'Never') {
    errors.push(fieldInvalid(`${path}.template.spec.restartPolicy`, restartPolicy, 'only "Never" is supported when podFailurePolicy is specified'));
  }
  return errors;
}
