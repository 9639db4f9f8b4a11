import { StatusError, labelSelectorFromMeta, type LabelSelector } from '@kubekit/apimachinery';
import type { KubeObject } from '@kubekit/registry';
import type { ApiResponse } from '../api-request.js';
import { readObject } from '../body.js';
import { jsonValue } from '../respond.js';
import { type ResourceContext, namespaceOf, writeOptions } from './context.js';

interface PodDisruptionBudget extends KubeObject {
  spec?: { selector?: LabelSelector };
  status?: { disruptionsAllowed?: number; desiredHealthy?: number; currentHealthy?: number };
}

interface Pod extends KubeObject {
  status?: { phase?: string };
}

/** pkg/registry/core/pod/storage/eviction.go canIgnorePDB: pods that are not running may always be evicted. */
function canIgnoreDisruptionBudget(pod: Readonly<Pod>): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || Boolean(pod.metadata?.deletionTimestamp);
}

function tooManyRequests(budget: PodDisruptionBudget): StatusError {
  return new StatusError({
    code: 429,
    reason: 'TooManyRequests',
    message: "Cannot evict pod as it would violate the pod's disruption budget.",
    details: {
      causes: [
        {
          reason: 'DisruptionBudget',
          message: `The disruption budget ${budget.metadata?.name ?? ''} needs ${budget.status?.desiredHealthy ?? 0} healthy pods and has ${budget.status?.currentHealthy ?? 0} currently`,
        },
      ],
    },
  });
}

/**
 * POST pods/{name}/eviction (policy/v1 Eviction): the API-initiated deletion `kubectl drain` uses.
 * A running pod covered by a PodDisruptionBudget is only evicted while the budget allows a
 * disruption (which the eviction uses up); otherwise 429. Answers 201 with a success Status.
 */
export async function handleEviction(context: ResourceContext): Promise<ApiResponse> {
  const namespace = namespaceOf(context);
  const name = context.info.name;
  const eviction = (await readObject(context.request, context.maxBodyBytes)) as {
    deleteOptions?: Record<string, unknown>;
  };
  const pod = (await context.store.get(namespace, name)).object as Pod;
  const budgets = context.registry.resource('policy', 'v1', 'poddisruptionbudgets');
  if (budgets && !canIgnoreDisruptionBudget(pod)) {
    const { items } = await budgets.list({ ...(namespace && { namespace }) });
    for (const { object } of items) {
      const budget = object as PodDisruptionBudget;
      if (!labelSelectorFromMeta(budget.spec?.selector).matches(pod.metadata?.labels ?? {})) continue;
      if ((budget.status?.disruptionsAllowed ?? 0) < 1) throw tooManyRequests(budget);
      await budgets.update(namespace, budget.metadata?.name ?? '', (current) => {
        const next = structuredClone(current) as PodDisruptionBudget;
        next.status = { ...next.status, disruptionsAllowed: (next.status?.disruptionsAllowed ?? 1) - 1 };
        return next;
      }, { subresource: 'status' });
    }
  }
  await context.store.delete(namespace, name, eviction.deleteOptions ?? {}, writeOptions(context));
  return jsonValue(201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}
