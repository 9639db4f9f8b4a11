import {
  type FieldError,
  type LabelSelector,
  type ParsedLabelSelector,
  fieldForbidden,
  fieldInvalid,
  fieldNotSupported,
  fieldRequired,
  isValidLabelValue,
  labelSelectorFromMeta,
  validateLabelName,
  validateLabels,
} from '@kubekit/apimachinery';
import { validateNonnegative } from './field-checks.js';
import type { PodTemplateSpec, TemplatedSpec } from './pod-types.js';
import { validatePodTemplateSpec } from './pod-spec-validation.js';

/*
 * Selector and template checks shared by the controllers' kinds
 * (k8s.io/kubernetes/pkg/apis/apps/validation, pkg/apis/batch/validation).
 */

/** metav1 validation.ValidateLabelSelector, strict about values. */
export function validateLabelSelector(selector: LabelSelector | undefined, path: string): FieldError[] {
  if (!selector) return [];
  const errors = validateLabels(selector.matchLabels ?? {}, `${path}.matchLabels`);
  (selector.matchExpressions ?? []).forEach((expression, i) => {
    const at = `${path}.matchExpressions[${i}]`;
    const values = expression.values ?? [];
    if (expression.operator === 'In' || expression.operator === 'NotIn') {
      if (values.length === 0) errors.push(fieldRequired(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (expression.operator === 'Exists' || expression.operator === 'DoesNotExist') {
      if (values.length > 0) errors.push(fieldForbidden(`${at}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      errors.push(fieldInvalid(`${at}.operator`, expression.operator, 'not a valid selector operator'));
    }
    errors.push(...validateLabelName(expression.key, `${at}.key`));
    values.forEach((value, j) => {
      for (const message of isValidLabelValue(value)) errors.push(fieldInvalid(`${at}.values[${j}]`, value, message));
    });
  });
  return errors;
}

/** metav1.LabelSelectorAsSelector, or undefined when the selector does not convert. */
export function asSelector(selector: LabelSelector | undefined): ParsedLabelSelector | undefined {
  try {
    return labelSelectorFromMeta(selector);
  } catch {
    return undefined;
  }
}

/** `spec.selector: Required value` and the strict selector checks (`empty selector is invalid for <kind>`). */
export function validateRequiredSelector(selector: LabelSelector | undefined, kind: string, path: string): FieldError[] {
  if (!selector) return [fieldRequired(path, '')];
  const errors = validateLabelSelector(selector, path);
  if (Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0) {
    errors.push(fieldInvalid(path, selector, `empty selector is invalid for ${kind}`));
  }
  return errors;
}

/** The template labels must be selected: `` `selector` does not match template `labels` ``. */
export function validateSelectorMatchesTemplate(selector: ParsedLabelSelector, template: PodTemplateSpec | undefined, path: string): FieldError[] {
  if (selector.empty() || selector.matches(template?.metadata?.labels)) return [];
  return [fieldInvalid(`${path}.metadata.labels`, template?.metadata?.labels ?? null, '`selector` does not match template `labels`')];
}

/**
 * ValidateReplicaSetSpec / ValidateDeploymentSpec's shared part: replicas, selector, and
 * ValidatePodTemplateSpecForReplicaSet (the template must restart Always, without a deadline).
 */
export function validateReplicatedSpec(spec: TemplatedSpec): FieldError[] {
  const errors = [
    ...validateNonnegative(spec.replicas, 'spec.replicas'),
    ...validateRequiredSelector(spec.selector, 'deployment', 'spec.selector'),
  ];
  const selector = asSelector(spec.selector);
  if (!selector) {
    errors.push(fieldInvalid('spec.selector', spec.selector ?? null, 'invalid label selector'));
    return errors;
  }
  errors.push(...validateSelectorMatchesTemplate(selector, spec.template, 'spec.template'));
  errors.push(...validatePodTemplateSpec(spec.template, 'spec.template'));
  // Deployments share the ReplicaSet's messages, `deployment` and `ReplicaSet` included.
  errors.push(...validateAlwaysRestart(spec.template, 'ReplicaSet'));
  return errors;
}

/** Controllers that keep pods running: restartPolicy Always, no activeDeadlineSeconds. */
export function validateAlwaysRestart(template: PodTemplateSpec | undefined, label: string): FieldError[] {
  const errors: FieldError[] = [];
  const restartPolicy = template?.spec?.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errors.push(fieldNotSupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']));
  if (template?.spec?.activeDeadlineSeconds !== undefined) {
    errors.push(fieldForbidden('spec.template.spec.activeDeadlineSeconds', `activeDeadlineSeconds in ${label} is not Supported`));
  }
  return errors;
}

/** IsValidPercent / ValidatePositiveIntOrPercent of a rolling update's maxSurge or maxUnavailable. */
export function validateIntOrPercent(value: number | string | undefined, path: string): FieldError[] {
  if (typeof value === 'number') return validateNonnegative(value, path);
  if (typeof value === 'string' && !/^[0-9]+%$/.test(value)) {
    return [fieldInvalid(path, value, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
  }
  return [];
}

/** IsNotMoreThan100Percent. */
export function validateNotMoreThan100Percent(value: number | string | undefined, path: string): FieldError[] {
  return typeof value === 'string' && /^[0-9]+%$/.test(value) && Number(value.slice(0, -1)) > 100
    ? [fieldInvalid(path, value, 'must not be greater than 100%')]
    : [];
}

/** getIntOrPercentValue: the number of an int or of a valid percent, else 0. */
export function intOrPercentValue(value: number | string | undefined): number {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && /^[0-9]+%$/.test(value) ? Number(value.slice(0, -1)) : 0;
}
