import { type FieldError, fieldInvalid, fieldRequired } from '@kubekit/apimachinery';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';

interface PriorityClass extends KubeObject {
  value?: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
  description?: string;
}

/** scheduling/validation: user classes stay at or below one billion; the system classes sit above. */
const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
const SYSTEM_PREFIX = 'system-';

function validatePriorityClass(priorityClass: PriorityClass): FieldError[] {
  if (priorityClass.value === undefined) return [fieldRequired('value', '')];
  const name = priorityClass.metadata?.name ?? '';
  if (!name.startsWith(SYSTEM_PREFIX) && priorityClass.value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    return [fieldInvalid('value', priorityClass.value, `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`)];
  }
  return [];
}

/** The classes every cluster starts with. */
export const SYSTEM_PRIORITY_CLASSES = [
  { name: 'system-cluster-critical', value: 2_000_000_000, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.' },
  { name: 'system-node-critical', value: 2_000_001_000, description: 'Used for system critical pods that must not be moved from their current node.' },
] as const;

export const priorityClasses: ResourceDefinition<PriorityClass> = {
  group: 'scheduling.k8s.io',
  version: 'v1',
  kind: 'PriorityClass',
  resource: 'priorityclasses',
  singular: 'priorityclass',
  namespaced: false,
  shortNames: ['pc'],
  columns: [
    { name: 'Value', type: 'integer', description: 'value represents the integer value of this priority class.', cell: (pc) => pc.value ?? 0 },
    { name: 'Global-Default', type: 'boolean', description: 'globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class.', cell: (pc) => pc.globalDefault ?? false },
    ageColumn,
  ],
  strategy: {
    defaults(priorityClass) {
      priorityClass.preemptionPolicy ??= 'PreemptLowerPriority';
    },
    validate: validatePriorityClass,
  },
};
