import { fieldRequired, labelSelectorFromMeta, validateLabels } from '@kubekit/apimachinery';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';
import { validateNonnegative } from './field-checks.js';
import { defaultPodTemplate } from './pod-spec-defaults.js';
import { validatePodTemplateSpec } from './pod-spec-validation.js';
import type { PodTemplateSpec } from './pod-types.js';
import { containerColumns, formatLabels } from './table-format.js';
import { validateAlwaysRestart, validateSelectorMatchesTemplate } from './workload-validation.js';

interface ReplicationController extends KubeObject {
  spec?: { replicas?: number; minReadySeconds?: number; selector?: Record<string, string>; template?: PodTemplateSpec };
  status?: { replicas?: number; readyReplicas?: number; availableReplicas?: number; [key: string]: unknown };
}

/** ValidateReplicationControllerSpec: a non-empty selector that selects the template's labels. */
function validateSpec(controller: ReplicationController) {
  const spec = controller.spec ?? {};
  const errors = [...validateNonnegative(spec.replicas, 'spec.replicas'), ...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds')];
  const selector = spec.selector ?? {};
  if (Object.keys(selector).length === 0) errors.push(fieldRequired('spec.selector', ''));
  else errors.push(...validateLabels(selector, 'spec.selector'));
  if (!spec.template) {
    errors.push(fieldRequired('spec.template', ''));
    return errors;
  }
  errors.push(...validateSelectorMatchesTemplate(labelSelectorFromMeta({ matchLabels: selector }), spec.template, 'spec.template'));
  errors.push(...validatePodTemplateSpec(spec.template, 'spec.template'));
  errors.push(...validateAlwaysRestart(spec.template, 'ReplicationController'));
  return errors;
}

export const replicationControllers: ResourceDefinition<ReplicationController> = {
  group: '',
  version: 'v1',
  kind: 'ReplicationController',
  resource: 'replicationcontrollers',
  singular: 'replicationcontroller',
  namespaced: true,
  shortNames: ['rc'],
  categories: ['all'],
  statusSubresource: true,
  generation: true,
  scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelMapPath: 'spec.selector' },
  // pkg/apis/core/v1/conversion.go: ReplicationControllers select on status.replicas.
  fieldSelectors: { 'status.replicas': (rc) => String(rc.status?.replicas ?? 0) },
  columns: [
    { name: 'Desired', type: 'integer', description: 'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller', cell: (rc) => rc.spec?.replicas ?? 0 },
    { name: 'Current', type: 'integer', description: 'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller', cell: (rc) => rc.status?.replicas ?? 0 },
    { name: 'Ready', type: 'integer', description: 'The number of ready replicas for this replication controller.', cell: (rc) => rc.status?.readyReplicas ?? 0 },
    ageColumn,
    ...containerColumns<ReplicationController>((rc) => rc.spec?.template?.spec?.containers),
    {
      name: 'Selector',
      type: 'string',
      priority: 1,
      description: 'Selector is a label query over pods that should match the Replicas count. If Selector is empty, it is defaulted to the labels present on the Pod template. Label keys and values that must match in order to be controlled by this replication controller, if empty defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
      cell: (rc) => formatLabels(rc.spec?.selector),
    },
  ],
  strategy: {
    defaults(controller) {
      // SetDefaults_ReplicationController: the selector and the labels default to the template's labels.
      const spec = (controller.spec ??= {});
      spec.replicas ??= 1;
      const labels = spec.template?.metadata?.labels;
      if (labels && Object.keys(labels).length > 0) {
        if (!spec.selector || Object.keys(spec.selector).length === 0) spec.selector = { ...labels };
        const meta = (controller.metadata ??= {});
        if (!meta.labels || Object.keys(meta.labels).length === 0) meta.labels = { ...labels };
      }
      if (spec.template) spec.template = defaultPodTemplate(spec.template);
    },
    prepareForCreate(controller) {
      // ReplicationControllerStatus.replicas is not omitempty.
      controller.status = { replicas: 0 };
    },
    validate: validateSpec,
  },
};
