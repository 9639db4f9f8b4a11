import { type FieldError, fieldForbidden, fieldInvalid, fieldNotSupported, fieldRequired } from '@kubekit/apimachinery';
import { sameJson } from '@kubekit/store';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';
import { validateImmutable, validateNonnegative } from './field-checks.js';
import { defaultPodTemplate } from './pod-spec-defaults.js';
import type { TemplatedSpec } from './pod-types.js';
import { containerColumns, selectorString } from './table-format.js';
import { intOrPercentValue, validateIntOrPercent, validateNotMoreThan100Percent, validateReplicatedSpec } from './workload-validation.js';

interface DeploymentSpec extends TemplatedSpec {
  strategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
  progressDeadlineSeconds?: number;
  paused?: boolean;
}

interface Deployment extends KubeObject {
  spec?: DeploymentSpec;
  status?: { replicas?: number; updatedReplicas?: number; readyReplicas?: number; availableReplicas?: number; [key: string]: unknown };
}

/** ValidateDeploymentStrategy. */
function validateStrategy(spec: DeploymentSpec): FieldError[] {
  const strategy = spec.strategy ?? {};
  const path = 'spec.strategy';
  switch (strategy.type) {
    case 'Recreate':
      return strategy.rollingUpdate ? [fieldForbidden(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate': {
      const rolling = strategy.rollingUpdate;
      if (!rolling) return [fieldRequired(`${path}.rollingUpdate`, 'this should be defaulted and never be nil')];
      const errors = [
        ...validateIntOrPercent(rolling.maxUnavailable, `${path}.rollingUpdate.maxUnavailable`),
        ...validateIntOrPercent(rolling.maxSurge, `${path}.rollingUpdate.maxSurge`),
      ];
      if (intOrPercentValue(rolling.maxUnavailable) === 0 && intOrPercentValue(rolling.maxSurge) === 0) {
        errors.push(fieldInvalid(`${path}.rollingUpdate.maxUnavailable`, rolling.maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0'));
      }
      errors.push(...validateNotMoreThan100Percent(rolling.maxUnavailable, `${path}.rollingUpdate.maxUnavailable`));
      return errors;
    }
    default:
      return [fieldNotSupported(path, strategy, ['Recreate', 'RollingUpdate'])];
  }
}

/** ValidateDeploymentSpec. */
function validateDeployment(deployment: Deployment): FieldError[] {
  const spec = deployment.spec ?? {};
  const errors = [...validateReplicatedSpec(spec), ...validateStrategy(spec), ...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds')];
  errors.push(...validateNonnegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  if (spec.progressDeadlineSeconds !== undefined) {
    errors.push(...validateNonnegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errors.push(fieldInvalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errors;
}

export const deployments: ResourceDefinition<Deployment> = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  resource: 'deployments',
  singular: 'deployment',
  namespaced: true,
  shortNames: ['deploy'],
  categories: ['all'],
  statusSubresource: true,
  generation: true,
  // autoscaling/v1 Scale: status.selector is spec.selector printed as a string (selector.String()).
  scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelSelectorPath: 'spec.selector' },
  columns: [
    {
      name: 'Ready',
      type: 'string',
      description: 'Number of the pod with ready state',
      cell: (d) => `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
    },
    { name: 'Up-to-date', type: 'string', description: 'Total number of non-terminating pods targeted by this deployment that have the desired template spec.', cell: (d) => d.status?.updatedReplicas ?? 0 },
    { name: 'Available', type: 'string', description: 'Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment.', cell: (d) => d.status?.availableReplicas ?? 0 },
    ageColumn,
    ...containerColumns<Deployment>((d) => d.spec?.template?.spec?.containers),
    { name: 'Selector', type: 'string', priority: 1, description: 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.', cell: (d) => selectorString(d.spec?.selector) },
  ],
  statusWritesAnnotations: true,
  strategy: {
    defaults(deployment) {
      // SetDefaults_Deployment (apps/v1 does not default the selector from the template).
      const spec = (deployment.spec ??= {});
      spec.replicas ??= 1;
      const strategy = (spec.strategy ??= {});
      strategy.type ||= 'RollingUpdate';
      if (strategy.type === 'RollingUpdate') {
        const rolling = (strategy.rollingUpdate ??= {});
        rolling.maxUnavailable ??= '25%';
        rolling.maxSurge ??= '25%';
      }
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      spec.template = defaultPodTemplate(spec.template);
    },
    prepareForCreate(deployment) {
      deployment.status = {};
    },
    prepareForUpdate(deployment, old, context) {
      // Annotations are copied to the ReplicaSets, so a change to them is a new generation too
      // (deployment strategy PrepareForUpdate); a spec change has bumped it already.
      if (context.subresource === 'status' || deployment.metadata?.generation !== old.metadata?.generation) return;
      if (!sameJson(deployment.metadata?.annotations, old.metadata?.annotations)) {
        deployment.metadata!.generation = (old.metadata?.generation ?? 1) + 1;
      }
    },
    validate: validateDeployment,
    // The deployment strategy keeps the selector of apps/v1 immutable.
    validateUpdate: (deployment, old) => validateImmutable(deployment.spec?.selector, old.spec?.selector, 'spec.selector'),
  },
};
