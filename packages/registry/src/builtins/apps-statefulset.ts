import { type FieldError, fieldForbidden, fieldInvalid, fieldNotSupported, fieldRequired, validateLabels } from '@kubekit/apimachinery';
import { sameJson } from '@kubekit/store';
import type { KubeObject, ObjectMetaLike } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';
import { validateNonnegative } from './field-checks.js';
import { defaultPodTemplate } from './pod-spec-defaults.js';
import type { TemplatedSpec } from './pod-types.js';
import { containerColumns } from './table-format.js';
import { asSelector, validateAlwaysRestart, validateIntOrPercent, validateRequiredSelector, validateSelectorMatchesTemplate } from './workload-validation.js';

interface ClaimTemplate {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMetaLike;
  spec?: { volumeMode?: string; [key: string]: unknown };
  status?: { phase?: string; [key: string]: unknown };
}

interface StatefulSetSpec extends TemplatedSpec {
  podManagementPolicy?: string;
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
  volumeClaimTemplates?: ClaimTemplate[];
  ordinals?: { start?: number };
  serviceName?: string;
}

interface StatefulSet extends KubeObject {
  spec?: StatefulSetSpec;
  status?: { replicas?: number; readyReplicas?: number; availableReplicas?: number; [key: string]: unknown };
}

const UPDATE_FORBIDDEN =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

/** SetDefaults_StatefulSet, with StatefulSetAutoDeletePVC (GA): both retention policies Retain. */
function defaultStatefulSet(statefulSet: StatefulSet): void {
  const spec = (statefulSet.spec ??= {});
  spec.podManagementPolicy ||= 'OrderedReady';
  const strategy = (spec.updateStrategy ??= {});
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    strategy.rollingUpdate ??= {};
  }
  if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate) strategy.rollingUpdate.partition ??= 0;
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  retention.whenDeleted ||= 'Retain';
  retention.whenScaled ||= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  spec.template = defaultPodTemplate(spec.template);
  // The claim templates are PersistentVolumeClaims: they get their kind and their defaults.
  for (const claim of spec.volumeClaimTemplates ?? []) {
    claim.apiVersion ||= 'v1';
    claim.kind ||= 'PersistentVolumeClaim';
    (claim.spec ??= {}).volumeMode ??= 'Filesystem';
    claim.status = { ...claim.status, phase: claim.status?.phase || 'Pending' };
  }
}

/** ValidateStatefulSetSpec (the template's pod spec itself is not validated for StatefulSets). */
function validateStatefulSet(statefulSet: StatefulSet): FieldError[] {
  const spec = statefulSet.spec ?? {};
  const errors: FieldError[] = [];
  const policy = spec.podManagementPolicy ?? '';
  if (!policy) errors.push(fieldRequired('spec.podManagementPolicy', ''));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') errors.push(fieldInvalid('spec.podManagementPolicy', policy, "must be 'OrderedReady' or 'Parallel'"));
  const strategy = spec.updateStrategy ?? {};
  if (!strategy.type) errors.push(fieldRequired('spec.updateStrategy', ''));
  else if (strategy.type === 'OnDelete') {
    if (strategy.rollingUpdate) errors.push(fieldInvalid('spec.updateStrategy.rollingUpdate', strategy.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (strategy.type === 'RollingUpdate') {
    errors.push(...validateNonnegative(strategy.rollingUpdate?.partition, 'spec.updateStrategy.rollingUpdate.partition'));
    if (strategy.rollingUpdate?.maxUnavailable !== undefined) {
      errors.push(...validateIntOrPercent(strategy.rollingUpdate.maxUnavailable, 'spec.updateStrategy.rollingUpdate.maxUnavailable'));
    }
  } else errors.push(fieldInvalid('spec.updateStrategy', strategy, "must be 'RollingUpdate' or 'OnDelete'"));
  const retention = spec.persistentVolumeClaimRetentionPolicy;
  for (const key of ['whenDeleted', 'whenScaled'] as const) {
    const value = retention?.[key];
    if (retention && value !== 'Retain' && value !== 'Delete') {
      errors.push(fieldNotSupported(`spec.persistentVolumeClaimRetentionPolicy.${key}`, value ?? '', ['Retain', 'Delete']));
    }
  }
  errors.push(...validateNonnegative(spec.replicas, 'spec.replicas'), ...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errors.push(...validateRequiredSelector(spec.selector, 'statefulset', 'spec.selector'));
  const selector = asSelector(spec.selector);
  if (!selector) errors.push(fieldInvalid('spec.selector', spec.selector ?? null, ''));
  else {
    errors.push(...validateSelectorMatchesTemplate(selector, spec.template, 'spec.template'));
    errors.push(...validateLabels(spec.template?.metadata?.labels ?? {}, 'spec.template.labels'));
  }
  errors.push(...validateAlwaysRestart(spec.template, 'StatefulSet'));
  return errors;
}

/** ValidateStatefulSetUpdate: only replicas, ordinals, template, updateStrategy, the retention policy and minReadySeconds change. */
function validateStatefulSetUpdate(statefulSet: StatefulSet, old: Readonly<StatefulSet>): FieldError[] {
  const next = { ...statefulSet.spec };
  const previous = old.spec ?? {};
  for (const key of ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy'] as const) {
    next[key] = previous[key] as never;
  }
  return sameJson(next, previous) ? [] : [fieldForbidden('spec', UPDATE_FORBIDDEN)];
}

export const statefulSets: ResourceDefinition<StatefulSet> = {
  group: 'apps',
  version: 'v1',
  kind: 'StatefulSet',
  resource: 'statefulsets',
  singular: 'statefulset',
  namespaced: true,
  shortNames: ['sts'],
  categories: ['all'],
  // ValidateStatefulSetName: the name becomes part of each pod's hostname.
  nameRule: 'dns1123-label',
  statusSubresource: true,
  generation: true,
  scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelSelectorPath: 'spec.selector' },
  columns: [
    { name: 'Ready', type: 'string', description: 'Number of the pod with ready state', cell: (s) => `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}` },
    ageColumn,
    ...containerColumns<StatefulSet>((s) => s.spec?.template?.spec?.containers),
  ],
  strategy: {
    defaults: defaultStatefulSet,
    prepareForCreate(statefulSet) {
      // replicas and availableReplicas are not omitempty in StatefulSetStatus.
      statefulSet.status = { replicas: 0, availableReplicas: 0 };
    },
    validate: validateStatefulSet,
    validateUpdate: validateStatefulSetUpdate,
  },
};
