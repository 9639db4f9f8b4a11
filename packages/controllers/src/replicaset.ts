import { type ParsedLabelSelector, labelSelectorFromMeta } from '@kubekit/apimachinery';
import type { Client } from '@kubekit/server';
import type { LabelSelector, Pod, PodTemplateSpec, ReplicaSetStatus } from '@kubekit/types';
import type { Clock } from './clock.js';
import { EventRecorder } from './events.js';
import type { Informer} from './informer.js';
import { keyOf } from './informer.js';
import { controllerOf, controllerRef, isActivePod, isControlledBy, isPodReady, podFromTemplate } from './owners.js';
import { QueueController } from './queue-controller.js';

/** What the controller reads of a ReplicaSet or a ReplicationController. */
export interface Replicated {
  apiVersion?: string;
  kind?: string;
  metadata?: Pod['metadata'];
  spec?: { replicas?: number; minReadySeconds?: number; template?: PodTemplateSpec; selector?: LabelSelector | Record<string, string> };
  status?: ReplicaSetStatus;
}

/**
 * The kind a replica controller keeps: apps/v1 ReplicaSets (a LabelSelector) or core/v1
 * ReplicationControllers (a map of labels), which share the controller (pkg/controller/replication
 * wraps the ReplicaSet one).
 */
export interface ReplicatedKind {
  apiVersion: string;
  kind: string;
  resource: string;
  component: string;
  selectorOf(owner: Replicated): ParsedLabelSelector;
}

export const REPLICA_SETS: ReplicatedKind = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  resource: 'replicasets',
  component: 'replicaset-controller',
  selectorOf: (owner) => labelSelectorFromMeta(owner.spec?.selector as LabelSelector | undefined),
};

export const REPLICATION_CONTROLLERS: ReplicatedKind = {
  apiVersion: 'v1',
  kind: 'ReplicationController',
  resource: 'replicationcontrollers',
  component: 'replication-controller',
  selectorOf: (owner) => labelSelectorFromMeta({ matchLabels: owner.spec?.selector as Record<string, string> | undefined }),
};
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
 * The ReplicaSet (and ReplicationController) controller: keeps `spec.replicas` active pods from
 * the template (named `<owner>-<5 random characters>`, controlled by it), adopts orphans its
 * selector matches, deletes the surplus, and reports replicas, fullyLabeledReplicas,
 * readyReplicas, availableReplicas (ready for minReadySeconds) and observedGeneration.
 */
export class ReplicaSetController<T extends Replicated = Replicated> extends QueueController {
  readonly #events: EventRecorder;

  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
    private readonly replicaSets: Informer<T>,
    private readonly pods: Informer<Pod>,
    onError: (key: string, error: unknown) => void,
    private readonly kind: ReplicatedKind = REPLICA_SETS,
  ) {
    super(clock, onError);
    this.#events = new EventRecorder(client, clock, kind.component);
    replicaSets.on((_event, replicaSet) => this.queue.add(keyOf(replicaSet)));
    pods.on((_event, pod) => {
      const owner = controllerOf(pod);
      const namespace = pod.metadata?.namespace ?? '';
      if (owner) {
        if (owner.kind === this.kind.kind) this.queue.add(`${namespace}/${owner.name}`);
        return;
      }
      for (const replicaSet of this.replicaSets.list()) {
        if (replicaSet.metadata?.namespace === namespace && this.kind.selectorOf(replicaSet).matches(pod.metadata?.labels ?? {})) this.queue.add(keyOf(replicaSet));
      }
    });
  }

  protected async sync(key: string): Promise<void> {
    const replicaSet = this.replicaSets.get(key);
    if (!replicaSet) return;
    const namespace = replicaSet.metadata?.namespace ?? '';
    const selector = this.kind.selectorOf(replicaSet);
    const podClient = this.client.kind('v1', 'Pod');
    const deleting = Boolean(replicaSet.metadata?.deletionTimestamp);
    for (const pod of this.pods.list()) {
      if (pod.metadata?.namespace !== namespace || controllerOf(pod) || !isActivePod(pod) || deleting) continue;
      if (!selector.matches(pod.metadata?.labels ?? {})) continue;
      // Adoption: an orphan the selector matches becomes this ReplicaSet's.
      const adopted = await podClient.modify(pod.metadata?.name ?? '', (current) => {
        current.metadata = { ...current.metadata, ownerReferences: [...(current.metadata?.ownerReferences ?? []), controllerRef(replicaSet, this.kind.apiVersion, this.kind.kind)] };
      }, { namespace, fieldManager: FIELD_MANAGER });
      this.pods.assume(adopted);
    }
    const owned = () => this.pods.list().filter((pod) => pod.metadata?.namespace === namespace && isControlledBy(pod, replicaSet));
    const active = owned().filter(isActivePod);
    const wanted = replicaSet.spec?.replicas ?? 1;
    if (!deleting && active.length < wanted) {
      const template = replicaSet.spec?.template ?? {};
      for (let i = active.length; i < wanted; i++) {
        const created = await podClient.create(podFromTemplate(replicaSet, this.kind.apiVersion, this.kind.kind, template, {}), { namespace, fieldManager: FIELD_MANAGER });
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

  async #updateStatus(key: string, replicaSet: T, active: Pod[]): Promise<void> {
    const now = this.clock.now();
    const minReadySeconds = replicaSet.spec?.minReadySeconds ?? 0;
    const templateLabels = Object.entries(replicaSet.spec?.template?.metadata?.labels ?? {});
    const available = this.countAvailable(key, active, minReadySeconds, now);
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
    const updated = await this.client.resource<T>(this.kind.apiVersion, this.kind.resource).updateStatus({ ...replicaSet, status }, { fieldManager: FIELD_MANAGER });
    this.replicaSets.assume(updated);
  }
}
