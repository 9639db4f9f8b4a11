import { type FieldError, fieldInvalid, fieldNotSupported, fieldRequired, formatLabelSelector } from '@kubekit/apimachinery';
import { sameJson } from '@kubekit/store';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';
import { validateImmutable, validateNonnegative } from './field-checks.js';
import { defaultPodTemplate } from './pod-spec-defaults.js';
import { validatePodTemplateSpec } from './pod-spec-validation.js';
import type { TemplatedSpec } from './pod-types.js';
import { containerColumns, formatLabels } from './table-format.js';
import {
  asSelector,
  intOrPercentValue,
  validateAlwaysRestart,
  validateIntOrPercent,
  validateLabelSelector,
  validateNotMoreThan100Percent,
  validateSelectorMatchesTemplate,
} from './workload-validation.js';

interface DaemonSetSpec extends TemplatedSpec {
  updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
}

interface DaemonSet extends KubeObject {
  spec?: DaemonSetSpec;
  status?: Record<string, number | undefined>;
}

// The v1 form of the internal spec.templateGeneration.
const TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

/** ValidateDaemonSetUpdateStrategy and ValidateRollingUpdateDaemonSet. */
function validateUpdateStrategy(spec: DaemonSetSpec): FieldError[] {
  const strategy = spec.updateStrategy ?? {};
  const path = 'spec.updateStrategy';
  if (strategy.type === 'OnDelete') return [];
  if (strategy.type !== 'RollingUpdate') return [fieldNotSupported(path, strategy, ['RollingUpdate', 'OnDelete'])];
  const rolling = strategy.rollingUpdate;
  if (!rolling) return [fieldRequired(`${path}.rollingUpdate`, '')];
  const at = `${path}.rollingUpdate`;
  const errors = [
    ...validateIntOrPercent(rolling.maxUnavailable, `${at}.maxUnavailable`),
    ...validateIntOrPercent(rolling.maxSurge, `${at}.maxSurge`),
    ...validateNotMoreThan100Percent(rolling.maxUnavailable, `${at}.maxUnavailable`),
    ...validateNotMoreThan100Percent(rolling.maxSurge, `${at}.maxSurge`),
  ];
  const unavailable = intOrPercentValue(rolling.maxUnavailable) !== 0;
  const surge = intOrPercentValue(rolling.maxSurge) !== 0;
  if (unavailable && surge) errors.push(fieldInvalid(`${at}.maxSurge`, rolling.maxSurge ?? 0, 'may not be set when maxUnavailable is non-zero'));
  if (!unavailable && !surge) errors.push(fieldRequired(`${at}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  return errors;
}

/** ValidateDaemonSetSpec: a DaemonSet has no `Required` selector error, only the template mismatch. */
function validateDaemonSet(daemonSet: DaemonSet): FieldError[] {
  const spec = daemonSet.spec ?? {};
  const errors = validateLabelSelector(spec.selector, 'spec.selector');
  const selector = asSelector(spec.selector);
  if (selector) errors.push(...validateSelectorMatchesTemplate(selector, spec.template, 'spec.template'));
  if (spec.selector && Object.keys(spec.selector.matchLabels ?? {}).length + (spec.selector.matchExpressions ?? []).length === 0) {
    errors.push(fieldInvalid('spec.selector', spec.selector, 'empty selector is invalid for daemonset'));
  }
  errors.push(...validatePodTemplateSpec(spec.template, 'spec.template'));
  errors.push(...validateAlwaysRestart(spec.template, 'DaemonSet'));
  errors.push(...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errors.push(...validateUpdateStrategy(spec));
  errors.push(...validateNonnegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  return errors;
}

export const daemonSets: ResourceDefinition<DaemonSet> = {
  group: 'apps',
  version: 'v1',
  kind: 'DaemonSet',
  resource: 'daemonsets',
  singular: 'daemonset',
  namespaced: true,
  shortNames: ['ds'],
  categories: ['all'],
  statusSubresource: true,
  generation: true,
  columns: [
    { name: 'Desired', type: 'integer', description: 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod).', cell: (d) => d.status?.desiredNumberScheduled ?? 0 },
    { name: 'Current', type: 'integer', description: 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.', cell: (d) => d.status?.currentNumberScheduled ?? 0 },
    { name: 'Ready', type: 'integer', description: 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.', cell: (d) => d.status?.numberReady ?? 0 },
    { name: 'Up-to-date', type: 'integer', description: 'The total number of nodes that are running updated daemon pod', cell: (d) => d.status?.updatedNumberScheduled ?? 0 },
    { name: 'Available', type: 'integer', description: 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)', cell: (d) => d.status?.numberAvailable ?? 0 },
    { name: 'Node Selector', type: 'string', description: "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node.", cell: (d) => formatLabels(d.spec?.template?.spec?.nodeSelector) },
    ageColumn,
    ...containerColumns<DaemonSet>((d) => d.spec?.template?.spec?.containers),
    { name: 'Selector', type: 'string', priority: 1, description: 'A label query over pods that are managed by the daemon set.', cell: (d) => formatLabelSelector(d.spec?.selector) },
  ],
  strategy: {
    defaults(daemonSet) {
      const spec = (daemonSet.spec ??= {});
      const strategy = (spec.updateStrategy ??= {});
      strategy.type ||= 'RollingUpdate';
      if (strategy.type === 'RollingUpdate') {
        const rolling = (strategy.rollingUpdate ??= {});
        rolling.maxUnavailable ??= 1;
        rolling.maxSurge ??= 0;
      }
      spec.revisionHistoryLimit ??= 10;
      spec.template = defaultPodTemplate(spec.template);
    },
    prepareForCreate(daemonSet) {
      // The counters of DaemonSetStatus that are not omitempty.
      daemonSet.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
      const meta = (daemonSet.metadata ??= {});
      meta.annotations = { ...meta.annotations, [TEMPLATE_GENERATION]: '1' };
    },
    prepareForUpdate(daemonSet, old, context) {
      if (context.subresource === 'status') return;
      // The template generation goes up with each template change, whatever the client sent.
      const generation = Number(old.metadata?.annotations?.[TEMPLATE_GENERATION] ?? '0') || 0;
      const changed = !sameJson(daemonSet.spec?.template, old.spec?.template);
      const meta = (daemonSet.metadata ??= {});
      meta.annotations = { ...meta.annotations, [TEMPLATE_GENERATION]: String(changed ? generation + 1 : generation) };
    },
    validate: validateDaemonSet,
    validateUpdate: (daemonSet, old) => validateImmutable(daemonSet.spec?.selector, old.spec?.selector, 'spec.selector'),
  },
};
