import { generateNameSuffix } from '../object-meta.js';
import type { Container, PodSpec, Toleration } from './pod-types.js';
import { parseQuantity } from './quantity.js';

/*
 * What the default admission chain of a real cluster writes into every new pod, so that a pod
 * reads back as `kubectl get pod -o yaml` shows it: ServiceAccount
 * (plugin/pkg/admission/serviceaccount), Priority (plugin/pkg/admission/priority) and
 * DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds); and the QoS class
 * the pod strategy computes (pkg/apis/core/helper/qos).
 */

const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const TOKEN_VOLUME_PREFIX = 'kube-api-access-';

/** The projected volume the ServiceAccount admission mounts (TokenVolumeSource). */
function tokenVolume(name: string): Record<string, unknown> {
  return {
    name,
    projected: {
      defaultMode: 0o644,
      sources: [
        // WarnOnlyBoundTokenExpirationSeconds: an hour and 7 seconds.
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

/** ServiceAccount admission: the `default` account and its token, mounted in every container. */
export function admitServiceAccount(spec: PodSpec): void {
  spec.serviceAccountName ||= 'default';
  spec.serviceAccount = spec.serviceAccountName;
  if (spec.automountServiceAccountToken === false) return;
  const existing = (spec.volumes ?? []).find((volume) => volume.name?.startsWith(TOKEN_VOLUME_PREFIX));
  const volumeName = existing?.name ?? `${TOKEN_VOLUME_PREFIX}${generateNameSuffix()}`;
  let needsVolume = false;
  const mount = (containers: Container[] | undefined) => {
    for (const container of containers ?? []) {
      // A mount at the token's path already there keeps the token out.
      if ((container.volumeMounts ?? []).some((m) => m.mountPath === TOKEN_MOUNT_PATH)) continue;
      (container.volumeMounts ??= []).push({ name: volumeName, readOnly: true, mountPath: TOKEN_MOUNT_PATH });
      needsVolume = true;
    }
  };
  mount(spec.initContainers);
  mount(spec.containers);
  if (!existing && needsVolume) (spec.volumes ??= []).push(tokenVolume(volumeName));
}

const SYSTEM_PRIORITIES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

/**
 * Priority admission: the priority of the pod's class (0 without one) and the default
 * preemption policy. Other PriorityClasses are not looked up here.
 */
export function admitPriority(spec: PodSpec): void {
  spec.priority ??= SYSTEM_PRIORITIES[spec.priorityClassName ?? ''] ?? 0;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
}

const NO_EXECUTE_TAINTS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

/** DefaultTolerationSeconds: 300 s on not-ready and unreachable nodes, unless tolerated already. */
export function admitDefaultTolerations(spec: PodSpec): void {
  for (const key of NO_EXECUTE_TAINTS) {
    const tolerated = (spec.tolerations ?? []).some(
      (t: Toleration) => (!t.key || t.key === key) && (!t.effect || t.effect === 'NoExecute'),
    );
    if (!tolerated) (spec.tolerations ??= []).push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
}

/** SetDefaults_Pod: a container's limits stand for its missing requests (pods only, not templates). */
export function defaultRequestsFromLimits(spec: PodSpec): void {
  for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const resources = container.resources;
    if (!resources?.limits) continue;
    resources.requests ??= {};
    for (const [name, value] of Object.entries(resources.limits)) resources.requests[name] ??= value;
  }
}

/** ComputePodQOS: Guaranteed, Burstable or BestEffort, from the cpu and memory of all containers. */
export function podQOSClass(spec: PodSpec): string {
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    for (const [name, value] of Object.entries(container.resources?.requests ?? {})) {
      const quantity = parseQuantity(value) ?? 0;
      if ((name === 'cpu' || name === 'memory') && quantity > 0) requests.set(name, (requests.get(name) ?? 0) + quantity);
    }
    const found = new Set<string>();
    for (const [name, value] of Object.entries(container.resources?.limits ?? {})) {
      const quantity = parseQuantity(value) ?? 0;
      if ((name === 'cpu' || name === 'memory') && quantity > 0) {
        found.add(name);
        limits.set(name, (limits.get(name) ?? 0) + quantity);
      }
    }
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, request] of requests) {
      const limit = limits.get(name);
      if (limit === undefined || Math.abs(limit - request) > 1e-9 * Math.max(limit, request)) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
