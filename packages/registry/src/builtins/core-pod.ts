import { type FieldError, fieldForbidden } from '@kubekit/apimachinery';
import { sameJson } from '@kubekit/store';
import type { ResourceDefinition } from '../resource-definition.js';
import { bindPod } from './pod-binding.js';
import { admitDefaultTolerations, admitPriority, admitServiceAccount, defaultRequestsFromLimits, podQOSClass } from './pod-admission.js';
import { podColumns } from './pod-printer.js';
import { defaultPodSpec } from './pod-spec-defaults.js';
import { validatePodSpec } from './pod-spec-validation.js';
import type { Container, Pod, PodSpec, PodStatus } from './pod-types.js';

const UPDATABLE_FIELDS =
  '`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** The v1 conversion keeps podIP/podIPs (and hostIP/hostIPs) in step: the list wins, its first entry is the single one. */
function syncIPs(status: PodStatus | undefined): void {
  if (!status) return;
  if (status.podIPs?.length) status.podIP = status.podIPs[0]?.ip;
  else if (status.podIP) status.podIPs = [{ ip: status.podIP }];
  if (status.hostIPs?.length) status.hostIP = status.hostIPs[0]?.ip;
  else if (status.hostIP) status.hostIPs = [{ ip: status.hostIP }];
}

/**
 * ValidatePodUpdate: only images, activeDeadlineSeconds, tolerations and a negative grace period
 * may change. The real message ends with a diff of the specs, which is left out here.
 */
function validatePodSpecUpdate(spec: PodSpec, old: PodSpec): FieldError[] {
  // An update that left the spec alone shares the stored one.
  if (spec === old) return [];
  if ((spec.containers?.length ?? 0) !== (old.containers?.length ?? 0)) {
    return [fieldForbidden('spec.containers', 'pod updates may not add or remove containers')];
  }
  if ((spec.initContainers?.length ?? 0) !== (old.initContainers?.length ?? 0)) {
    return [fieldForbidden('spec.initContainers', 'pod updates may not add or remove containers')];
  }
  // Shallow copies down to what is overwritten: the rest is compared as it is.
  const withOldImages = (containers: Container[] | undefined, olds: Container[] | undefined) =>
    containers?.map((container, i) => ({ ...container, image: olds?.[i]?.image }));
  const munged: PodSpec = {
    ...spec,
    containers: withOldImages(spec.containers, old.containers),
    initContainers: withOldImages(spec.initContainers, old.initContainers),
    activeDeadlineSeconds: old.activeDeadlineSeconds,
    tolerations: old.tolerations,
    schedulingGates: old.schedulingGates,
  };
  const oldGrace = old.terminationGracePeriodSeconds;
  if (oldGrace !== undefined && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if (sameJson(munged, old)) return [];
  return [fieldForbidden('spec', `pod updates may not change fields other than ${UPDATABLE_FIELDS}`)];
}

export const pods: ResourceDefinition<Pod> = {
  actions: [
    // The scheduler's assignment of the pod to a node.
    { name: 'binding', kind: 'Binding', verbs: ['create'], handler: bindPod },
    // Eviction (policy/v1) is the API-initiated deletion `kubectl drain` uses.
    { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
    // A container's log, from the node's kubelet.
    { name: 'log', kind: 'Pod', verbs: ['get'] },
  ],
  group: '',
  version: 'v1',
  kind: 'Pod',
  resource: 'pods',
  singular: 'pod',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  statusSubresource: true,
  // PodObservedGenerationTracking: pods carry a generation bumped on spec changes.
  generation: true,
  returnDeletedObject: true,
  // pkg/registry/core/pod/strategy.go PodToSelectableFields.
  fieldSelectors: {
    'spec.nodeName': (pod) => pod.spec?.nodeName ?? '',
    'spec.restartPolicy': (pod) => pod.spec?.restartPolicy ?? '',
    'spec.schedulerName': (pod) => pod.spec?.schedulerName ?? '',
    'spec.serviceAccountName': (pod) => pod.spec?.serviceAccountName ?? '',
    'spec.hostNetwork': (pod) => String(pod.spec?.hostNetwork === true),
    'status.phase': (pod) => pod.status?.phase ?? '',
    'status.podIP': (pod) => pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP ?? '',
    'status.nominatedNodeName': (pod) => pod.status?.nominatedNodeName ?? '',
  },
  columns: podColumns,
  strategy: {
    defaults(pod) {
      const spec = (pod.spec ??= {});
      defaultPodSpec(spec);
      defaultRequestsFromLimits(spec);
      spec.enableServiceLinks ??= true;
      syncIPs(pod.status);
    },
    prepareForCreate(pod) {
      const spec = (pod.spec ??= {});
      admitServiceAccount(spec);
      admitPriority(spec);
      admitDefaultTolerations(spec);
      pod.status = { phase: 'Pending', qosClass: podQOSClass(spec) };
    },
    prepareForUpdate(pod, old, context) {
      // podStatusStrategy: the QoS class is set at creation; a status write without it keeps it.
      if (context.subresource === 'status' && pod.status && !pod.status.qosClass) pod.status.qosClass = old.status?.qosClass;
    },
    validate: (pod) => validatePodSpec(pod.spec ?? {}, 'spec'),
    validateUpdate: (pod, old) => validatePodSpecUpdate(pod.spec ?? {}, old.spec ?? {}),
  },
};
