import { translateTimestampSince } from '@kubekit/apimachinery';
import type { TableColumn } from '../resource-definition.js';
import { ageColumn } from '../table.js';
import type { Container, ContainerStatus, Pod } from './pod-types.js';

/*
 * The pod columns of `kubectl get pods`: printPod of k8s.io/kubernetes/pkg/printers/internalversion,
 * READY, STATUS and RESTARTS included.
 */

interface PodSummary {
  ready: string;
  reason: string;
  restarts: string;
}

function isRestartable(container: Container | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

function conditionTrue(pod: Pod, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

function initializedConditionTrue(pod: Pod): boolean {
  const condition = (pod.status?.conditions ?? []).find((c) => c.type === 'Initialized');
  return condition?.status === 'True';
}

function finishedAt(status: ContainerStatus): number | undefined {
  const at = status.lastState?.terminated?.finishedAt;
  const ms = at ? Date.parse(at) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

/** The init containers' part of printPod: the `Init:` reasons, and whether the pod still initializes. */
function initStatus(pod: Pod, summary: { reason: string; restarts: number; lastRestart: number; ready: number }): boolean {
  const specs = new Map((pod.spec?.initContainers ?? []).map((c) => [c.name ?? '', c]));
  const total = pod.spec?.initContainers?.length ?? 0;
  const statuses = pod.status?.initContainerStatuses ?? [];
  for (let i = 0; i < statuses.length; i++) {
    const status = statuses[i]!;
    summary.restarts += status.restartCount ?? 0;
    summary.lastRestart = Math.max(summary.lastRestart, finishedAt(status) ?? 0);
    const terminated = status.state?.terminated;
    const waiting = status.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (isRestartable(specs.get(status.name ?? '')) && status.started === true) {
      if (status.ready) summary.ready++;
      continue;
    }
    if (terminated) {
      if (terminated.reason) summary.reason = `Init:${terminated.reason}`;
      else summary.reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode ?? 0}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      summary.reason = `Init:${waiting.reason}`;
    } else {
      summary.reason = `Init:${i}/${total}`;
    }
    return true;
  }
  return false;
}

/** READY, STATUS and RESTARTS, computed as printPod computes them. */
function summarizePod(pod: Pod, now: number): PodSummary {
  const phase = pod.status?.phase ?? '';
  const initContainers = pod.spec?.initContainers ?? [];
  const specs = new Map(initContainers.map((c) => [c.name ?? '', c]));
  let total = pod.spec?.containers?.length ?? 0;
  total += initContainers.filter(isRestartable).length;
  const summary = { reason: pod.status?.reason || phase, restarts: 0, lastRestart: 0, ready: 0 };
  if ((pod.status?.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    summary.reason = 'SchedulingGated';
  }
  const initializing = initStatus(pod, summary);
  if (!initializing || initializedConditionTrue(pod)) {
    // Only restartable (sidecar) init containers count once the pod is initialized.
    summary.restarts = 0;
    summary.lastRestart = 0;
    for (const status of pod.status?.initContainerStatuses ?? []) {
      if (!isRestartable(specs.get(status.name ?? ''))) continue;
      summary.restarts += status.restartCount ?? 0;
      summary.lastRestart = Math.max(summary.lastRestart, finishedAt(status) ?? 0);
    }
    let hasRunning = false;
    const statuses = pod.status?.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const status = statuses[i]!;
      summary.restarts += status.restartCount ?? 0;
      summary.lastRestart = Math.max(summary.lastRestart, finishedAt(status) ?? 0);
      const { waiting, terminated, running } = status.state ?? {};
      if (waiting?.reason) summary.reason = waiting.reason;
      else if (terminated?.reason) summary.reason = terminated.reason;
      else if (terminated) summary.reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
      else if (status.ready && running) {
        hasRunning = true;
        summary.ready++;
      }
    }
    if (summary.reason === 'Completed' && hasRunning) summary.reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }
  if (pod.metadata?.deletionTimestamp && pod.status?.reason === 'NodeLost') summary.reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') summary.reason = 'Terminating';
  let restarts = String(summary.restarts);
  if (summary.restarts !== 0 && summary.lastRestart > 0) {
    restarts = `${summary.restarts} (${translateTimestampSince(new Date(summary.lastRestart).toISOString(), now)} ago)`;
  }
  return { ready: `${summary.ready}/${total}`, reason: summary.reason, restarts };
}

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = pod.status?.conditions ?? [];
  const ready = gates.filter((gate) => conditions.find((c) => c.type === gate.conditionType)?.status === 'True').length;
  return `${ready}/${gates.length}`;
}

export const podColumns: readonly TableColumn<Pod>[] = [
  {
    name: 'Ready',
    type: 'string',
    description: 'The aggregate readiness state of this pod for accepting traffic.',
    cell: (pod, now) => summarizePod(pod, now).ready,
  },
  {
    name: 'Status',
    type: 'string',
    description: 'The aggregate status of the containers in this pod.',
    cell: (pod, now) => summarizePod(pod, now).reason,
  },
  {
    name: 'Restarts',
    type: 'string',
    description: 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    cell: (pod, now) => summarizePod(pod, now).restarts,
  },
  ageColumn,
  {
    name: 'IP',
    type: 'string',
    priority: 1,
    description: 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.',
    cell: (pod) => pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>',
  },
  {
    name: 'Node',
    type: 'string',
    priority: 1,
    description: 'NodeName indicates in which node this pod is scheduled.',
    cell: (pod) => pod.spec?.nodeName || '<none>',
  },
  {
    name: 'Nominated Node',
    type: 'string',
    priority: 1,
    description: 'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.',
    cell: (pod) => pod.status?.nominatedNodeName || '<none>',
  },
  {
    name: 'Readiness Gates',
    type: 'string',
    priority: 1,
    description: 'If specified, all readiness gates will be evaluated for pod readiness.',
    cell: readinessGates,
  },
];
