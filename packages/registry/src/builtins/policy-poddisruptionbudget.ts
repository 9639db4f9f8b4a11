import { type FieldError, fieldInvalid } from '@kubekit/apimachinery';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';

interface PodDisruptionBudget extends KubeObject {
  spec?: { minAvailable?: number | string; maxUnavailable?: number | string; selector?: unknown; [key: string]: unknown };
  status?: { disruptionsAllowed?: number; currentHealthy?: number; desiredHealthy?: number; expectedPods?: number };
}

/** ValidatePodDisruptionBudgetSpec: minAvailable and maxUnavailable exclude each other. */
function validateBudget(budget: PodDisruptionBudget): FieldError[] {
  const spec = budget.spec ?? {};
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    return [fieldInvalid('spec', spec, 'minAvailable and maxUnavailable cannot be both set')];
  }
  return [];
}

const orNotApplicable = (value: number | string | undefined) => (value === undefined ? 'N/A' : String(value));

export const podDisruptionBudgets: ResourceDefinition<PodDisruptionBudget> = {
  group: 'policy',
  version: 'v1',
  kind: 'PodDisruptionBudget',
  resource: 'poddisruptionbudgets',
  singular: 'poddisruptionbudget',
  namespaced: true,
  shortNames: ['pdb'],
  statusSubresource: true,
  generation: true,
  columns: [
    { name: 'Min Available', type: 'string', description: 'The minimum number of pods that must be available', cell: (b) => orNotApplicable(b.spec?.minAvailable) },
    { name: 'Max Unavailable', type: 'string', description: 'The maximum number of pods that may be unavailable', cell: (b) => orNotApplicable(b.spec?.maxUnavailable) },
    { name: 'Allowed Disruptions', type: 'integer', description: 'Calculated number of pods that may be disrupted at this time', cell: (b) => b.status?.disruptionsAllowed ?? 0 },
    ageColumn,
  ],
  strategy: {
    // The disruption controller fills the counts; until it runs they are zero.
    prepareForCreate(budget) {
      budget.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
    },
    validate: validateBudget,
  },
};
