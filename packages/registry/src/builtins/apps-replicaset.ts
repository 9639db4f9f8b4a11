import { formatLabelSelector } from '@kubekit/apimachinery';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';
import { validateImmutable, validateNonnegative } from './field-checks.js';
import { defaultPodTemplate } from './pod-spec-defaults.js';
import type { TemplatedSpec } from './pod-types.js';
import { containerColumns } from './table-format.js';
import { validateReplicatedSpec } from './workload-validation.js';

interface ReplicaSet extends KubeObject {
  spec?: TemplatedSpec;
  status?: { replicas?: number; readyReplicas?: number; availableReplicas?: number; [key: string]: unknown };
}

export const replicaSets: ResourceDefinition<ReplicaSet> = {
  group: 'apps',
  version: 'v1',
  kind: 'ReplicaSet',
  resource: 'replicasets',
  singular: 'replicaset',
  namespaced: true,
  shortNames: ['rs'],
  categories: ['all'],
  statusSubresource: true,
  generation: true,
  scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelSelectorPath: 'spec.selector' },
  // pkg/apis/apps/v1/conversion.go: ReplicaSets select on status.replicas.
  fieldSelectors: { 'status.replicas': (rs) => String(rs.status?.replicas ?? 0) },
  columns: [
    { name: 'Desired', type: 'integer', description: 'Replicas is the number of desired pods.', cell: (rs) => rs.spec?.replicas ?? 0 },
    { name: 'Current', type: 'integer', description: 'Replicas is the most recently observed number of non-terminating pods.', cell: (rs) => rs.status?.replicas ?? 0 },
    { name: 'Ready', type: 'integer', description: 'The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.', cell: (rs) => rs.status?.readyReplicas ?? 0 },
    ageColumn,
    ...containerColumns<ReplicaSet>((rs) => rs.spec?.template?.spec?.containers),
    {
      name: 'Selector',
      type: 'string',
      priority: 1,
      description: 'Selector is a label query over pods that should match the replica count.',
      cell: (rs) => formatLabelSelector(rs.spec?.selector),
    },
  ],
  strategy: {
    defaults(replicaSet) {
      const spec = (replicaSet.spec ??= {});
      spec.replicas ??= 1;
      spec.template = defaultPodTemplate(spec.template);
    },
    prepareForCreate(replicaSet) {
      // ReplicaSetStatus.replicas is not omitempty: a new ReplicaSet shows `replicas: 0`.
      replicaSet.status = { replicas: 0 };
    },
    validate: (replicaSet) => [
      ...validateReplicatedSpec(replicaSet.spec ?? {}),
      ...validateNonnegative(replicaSet.spec?.minReadySeconds, 'spec.minReadySeconds'),
    ],
    validateUpdate: (replicaSet, old) => validateImmutable(replicaSet.spec?.selector, old.spec?.selector, 'spec.selector'),
  },
};
