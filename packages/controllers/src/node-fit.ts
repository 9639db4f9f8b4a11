import type { Node, NodeSelectorRequirement, Pod, Taint, Toleration } from '@kubekit/types';

/** Why a node does not fit a pod, worded as the scheduler's filter plugins word it in FailedScheduling. */
export type Misfit = string;

const isReady = (node: Node) => node.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ?? false;

/** v1helper.TolerationsTolerateTaint: a toleration with an empty key and Exists tolerates everything. */
function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  if (!toleration.key && toleration.operator !== 'Exists') return false;
  return toleration.operator === 'Exists' || (toleration.value ?? '') === (taint.value ?? '');
}

function matchesRequirement(requirement: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const value = labels[requirement.key];
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return value !== undefined && Number(value) > Number(values[0]);
    case 'Lt':
      return value !== undefined && Number(value) < Number(values[0]);
    default:
      return false;
  }
}

/** nodeSelector and required node affinity (terms ORed, expressions ANDed). */
function matchesNodeSelection(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [key, value] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[key] !== value) return false;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms?.length) return true;
  const fields: Record<string, string> = { 'metadata.name': node.metadata?.name ?? '' };
  return terms.some(
    (term) =>
      (term.matchExpressions ?? []).every((requirement) => matchesRequirement(requirement, labels)) &&
      (term.matchFields ?? []).every((requirement) => matchesRequirement(requirement, fields)),
  );
}

/**
 * The reason of the first filter `node` fails for `pod` (holding `podsOnNode` already), in the
 * default profile's order (NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit), or
 * undefined when it fits.
 */
export function misfit(pod: Pod, node: Node, podsOnNode: number): Misfit | undefined {
  const tolerations = pod.spec?.tolerations ?? [];
  if (node.spec?.unschedulable && !tolerations.some((toleration) => tolerates(toleration, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }))) {
    return 'node(s) were unschedulable';
  }
  const blocking = (node.spec?.taints ?? []).filter((taint) => taint.effect === 'NoSchedule' || taint.effect === 'NoExecute');
  const untolerated = blocking.find((taint) => !tolerations.some((toleration) => tolerates(toleration, taint)));
  if (untolerated) return `node(s) had untolerated taint {${untolerated.key}: ${untolerated.value ?? ''}}`;
  if (!matchesNodeSelection(pod, node)) return "node(s) didn't match Pod's node affinity/selector";
  if (!isReady(node)) return 'node(s) were not ready';
  if (podsOnNode >= Number(node.status?.allocatable?.['pods'] ?? 110)) return 'Too many pods';
  return undefined;
}

/** "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match …" (the scheduler's FitError). */
export function unschedulableMessage(nodeCount: number, reasons: readonly Misfit[]): string {
  const counts = new Map<Misfit, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const parts = [...counts].map(([reason, count]) => `${count} ${reason}`).sort();
  const detail = parts.length ? ` ${parts.join(', ')}.` : '';
  return `0/${nodeCount} nodes are available:${detail} preemption: 0/${nodeCount} nodes are available: ${nodeCount} Preemption is not helpful for scheduling.`;
}
