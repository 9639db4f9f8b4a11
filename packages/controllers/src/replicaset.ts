import { labelSelectorFromMeta } from '@kubekit/apimachinery';
import type { Client } from '@kubekit/server';
import type { Pod, ReplicaSet, ReplicaSetStatus } from '@kubekit/types';
import type { Clock } from './clock.js';
import { EventRecorder } from './events.js';
import type { Informer} from './informer.js';
import { keyOf } from './informer.js';
import { availableAt, controllerOf, controllerRef, isActivePod, isControlledBy, isPodReady, podFromTemplate } from './owners.js';
import { WorkQueue } from './work-queue.js';

const COMPONENT = 'replicaset-controller';
const FIELD_MANAGER = 'kube-controller-manager';

/**
 * Which pods go first when a ReplicaSet scales down (controller.ActivePods ordering): unscheduled
 * before scheduled, pending before running, not ready before ready, then the newest.
 */
function deletionOrder(a: Pod, b: Pod): number {
  const rank = (pod: Pod) => [pod.spec?.nodeName ? 1 : 0, pod.status?.phase === 'Pending' ? 0 : pod.status?.phase === 'Running' ? 1 : 0, isPodReady(pod) ? 1 : 0];
  const [ra, rb] = [rank(a), rank(b)];
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
  return (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? '');
}

/** The status counts with every zero but `replicas` left out, as Go's omitempty writes them. */
export function omitZeros<S extends { replicas: number }>(status: S): S {
  return Object.fromEntries(Object.entries(status).filter(([field, value]) => field === 'replicas' || value !== 0)) as S;
}

/**
 * The ReplicaSet controller: keeps `spec.replicas` active pods from the template (named
 * `<replicaset>-<5 random characters>`, controlled by it), adopts orphans its selector matches,
 * deletes the surplus, and reports replicas, fullyLabeledReplicas, readyReplicas,
 * availableReplicas (ready for minReadySeconds) and observedGeneration.
 */
export class ReplicaSetController {
  readonly #queue: WorkQueue;
  readonly #events: EventRecorder;

  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
    private readonly replicaSets: Informer<ReplicaSet>,
    private readonly pods: Informer<Pod>,
    onError: (key: string, error: unknown) => void,
  ) {
    this.#events = new EventRecorder(client, clock, COMPONENT);
    this.#queue = new WorkQueue((key) => this.#sync(key), clock, onError);
    replicaSets.on((_event, replicaSet) => this.#queue.add(keyOf(replicaSet)));
    pods.on((_event, pod) => {
      const owner = controllerOf(pod);
      const namespace = pod.metadata?.namespace ?? '';
      if (owner) {
        if (owner.kind === 'ReplicaSet') this.#queue.add(`${namespace}/${owner.name}`);
        return;
      }
      for (const replicaSet of this.replicaSets.list()) {
        if (replicaSet.metadata?.namespace === namespace && labelSelectorFromMeta(replicaSet.spec?.selector).matches(pod.metadata?.labels ?? {})) this.#queue.add(keyOf(replicaSet));
      }
    });
  }

  drained(): Promise<void> {
    return this.#queue.drained();
  }

  idle(): boolean {
    return this.#queue.idle;
  }

  stop(): void {
    this.#queue.stop();
  }

  async #sync(key: string): Promise<void> {
    const replicaSet = this.replicaSets.get(key);
    if (!replicaSet) return;
    const namespace = replicaSet.metadata?.namespace ?? '';
    const selector = labelSelectorFromMeta(replicaSet.spec?.selector);
    const podClient = this.client.kind('v1', 'Pod');
    const deleting = Boolean(replicaSet.metadata?.deletionTimestamp);
    for (const pod of this.pods.list()) {
      if (pod.metadata?.namespace !== namespace || controllerOf(pod) || !isActivePod(pod) || deleting) continue;
      if (!selector.matches(pod.metadata?.labels ?? {})) continue;
      // Adoption: an orphan the selector matches becomes this ReplicaSet's.
      const adopted = await podClient.modify(pod.metadata?.name ?? '', (current) => {
        current.metadata = { ...current.metadata, ownerReferences: [...(current.metadata?.ownerReferences ?? []), controllerRef(replicaSet, 'apps/v1', 'ReplicaSet')] };
      }, { namespace, fieldManager: FIELD_MANAGER });
      this.pods.assume(adopted);
    }
    const owned = () => this.pods.list().filter((pod) => pod.metadata?.namespace === namespace && isControlledBy(pod, replicaSet));
    const active = owned().filter(isActivePod);
    const wanted = replicaSet.spec?.replicas ?? 1;
    if (!deleting && active.length < wanted) {
      const template = replicaSet.spec?.template ?? {};
      for (let i = active.length; i < wanted; i++) {
        const created = await podClient.create(podFromTemplate(replicaSet, 'apps/v1', 'ReplicaSet', template, {}), { namespace, fieldManager: FIELD_MANAGER });
        this.pods.assume(created);
        this.#events.record(replicaSet, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata?.name}`);
      }
    } else if (!deleting && active.length > wanted) {
      for (const pod of [...active].sort(deletionOrder).slice(0, active.length - wanted)) {
        const removed = await podClient.delete(pod.metadata?.name ?? '', { namespace, fieldManager: FIELD_MANAGER });
        this.pods.assumeDeleteResult(removed);
        this.#events.record(replicaSet, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name}`);
      }
    }
    await this.#updateStatus(key, replicaSet, owned().filter(isActivePod));
  }

  async #updateStatus(key: string, replicaSet: ReplicaSet, active: Pod[]): Promise<void> {
    const now = this.clock.now();
    const minReadySeconds = replicaSet.spec?.minReadySeconds ?? 0;
    const templateLabels = Object.entries(replicaSet.spec?.template?.metadata?.labels ?? {});
    let available = 0;
    let nextAvailable: number | undefined;
    for (const pod of active) {
      const at = availableAt(pod, minReadySeconds);
      if (at === undefined) continue;
      if (at <= now) available++;
      else nextAvailable = Math.min(nextAvailable ?? at, at);
    }
    if (nextAvailable !== undefined) this.#queue.addAfter(key, nextAvailable - now);
    // The counts other than replicas are omitempty in ReplicaSetStatus: a zero is left out.
    const status: ReplicaSetStatus = omitZeros({
      replicas: active.length,
      fullyLabeledReplicas: active.filter((pod) => templateLabels.every(([label, value]) => pod.metadata?.labels?.[label] === value)).length,
      readyReplicas: active.filter(isPodReady).length,
      availableReplicas: available,
      observedGeneration: replicaSet.metadata?.generation ?? 1,
    });
    if (replicaSet.status?.conditions) status.conditions = replicaSet.status.conditions;
    if (JSON.stringify(status) === JSON.stringify(replicaSet.status ?? {})) return;
    const updated = await this.client.kind('apps/v1', 'ReplicaSet').updateStatus({ ...replicaSet, status }, { fieldManager: FIELD_MANAGER });
    this.replicaSets.assume(updated);
  }
}
