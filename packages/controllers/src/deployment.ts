import type { Client } from '@kubekit/server';
import type { Deployment, DeploymentCondition, DeploymentStatus, Pod, ReplicaSet } from '@kubekit/types';
import { formatTime } from '@kubekit/registry';
import type { Clock } from './clock.js';
import { EventRecorder } from './events.js';
import type { Informer} from './informer.js';
import { keyOf } from './informer.js';
import { controllerOf, controllerRef, isControlledBy } from './owners.js';
import { POD_TEMPLATE_HASH, podTemplateHash, sameTemplate } from './pod-template-hash.js';
import { omitZeros } from './replicaset.js';
import { QueueController } from './queue-controller.js';

const COMPONENT = 'deployment-controller';
const FIELD_MANAGER = 'kube-controller-manager';

export const REVISION = 'deployment.kubernetes.io/revision';
const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
/** Annotations of a Deployment that are not copied to its ReplicaSets (deploymentutil annotationsToSkip). */
const NOT_COPIED = new Set(['kubectl.kubernetes.io/last-applied-configuration', REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS]);

const revisionOf = (replicaSet: ReplicaSet): number => Number(replicaSet.metadata?.annotations?.[REVISION] ?? 0) || 0;
const specReplicas = (replicaSet: ReplicaSet): number => replicaSet.spec?.replicas ?? 0;
const sum = (replicaSets: readonly ReplicaSet[], count: (replicaSet: ReplicaSet) => number) => replicaSets.reduce((total, replicaSet) => total + count(replicaSet), 0);

/** An IntOrString of the rolling update: a count, or a percentage of `replicas` rounded up (surge) or down (unavailable). */
function resolve(value: number | string | undefined, replicas: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || !value.endsWith('%')) return Number(value ?? 0) || 0;
  const exact = (Number(value.slice(0, -1)) * replicas) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** deploymentutil.ResolveFenceposts: maxSurge and maxUnavailable as counts; both 0 would stall, so unavailable becomes 1. */
function fenceposts(deployment: Deployment): { surge: number; unavailable: number } {
  const replicas = deployment.spec?.replicas ?? 1;
  if (deployment.spec?.strategy?.type === 'Recreate') return { surge: 0, unavailable: replicas };
  const rolling = deployment.spec?.strategy?.rollingUpdate;
  const surge = resolve(rolling?.maxSurge as number | string | undefined, replicas, true);
  const unavailable = resolve(rolling?.maxUnavailable as number | string | undefined, replicas, false);
  return { surge, unavailable: surge === 0 && unavailable === 0 ? 1 : unavailable };
}

/**
 * The Deployment controller (pkg/controller/deployment): a ReplicaSet per pod template, named
 * `<deployment>-<pod-template-hash>` and numbered by the `deployment.kubernetes.io/revision`
 * annotation; RollingUpdate within maxSurge and maxUnavailable, or Recreate; rollbacks re-use the
 * old ReplicaSet under a new revision; old ReplicaSets beyond revisionHistoryLimit are deleted; a
 * paused Deployment does not roll out. Status carries the replica counts and the Available and
 * Progressing conditions with the real reasons, so `kubectl rollout status`, `history` and
 * `undo` work as on a real cluster.
 */
export class DeploymentController extends QueueController {
  readonly #events: EventRecorder;

  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
    private readonly deployments: Informer<Deployment>,
    private readonly replicaSets: Informer<ReplicaSet>,
    private readonly pods: Informer<Pod>,
    onError: (key: string, error: unknown) => void,
  ) {
    super(clock, onError);
    this.#events = new EventRecorder(client, clock, COMPONENT);
    deployments.on((_event, deployment) => this.queue.add(keyOf(deployment)));
    replicaSets.on(this.queueOwner('Deployment'));
    // Recreate waits for the old pods to be gone.
    pods.on((event, pod) => {
      if (event !== 'delete') return;
      const owner = controllerOf(pod);
      const replicaSet = owner?.kind === 'ReplicaSet' ? this.replicaSets.get(`${pod.metadata?.namespace}/${owner.name}`) : undefined;
      const deployment = replicaSet && controllerOf(replicaSet);
      if (deployment?.kind === 'Deployment') this.queue.add(`${pod.metadata?.namespace}/${deployment.name}`);
    });
  }

  protected async sync(key: string): Promise<void> {
    const deployment = this.deployments.get(key);
    if (!deployment || deployment.metadata?.deletionTimestamp) return;
    const namespace = deployment.metadata?.namespace ?? '';
    const owned = this.replicaSets.list().filter((replicaSet) => replicaSet.metadata?.namespace === namespace && isControlledBy(replicaSet, deployment));
    let newRS = owned.find((replicaSet) => sameTemplate(replicaSet.spec?.template, deployment.spec?.template));
    const oldRSs = owned.filter((replicaSet) => replicaSet !== newRS).sort((a, b) => revisionOf(a) - revisionOf(b));
    const paused = Boolean(deployment.spec?.paused);
    let created = false;
    if (!paused) {
      const maxOldRevision = Math.max(0, ...oldRSs.map(revisionOf));
      if (!newRS) {
        newRS = await this.#createReplicaSet(deployment, owned, maxOldRevision + 1);
        created = true;
      } else if (revisionOf(newRS) <= maxOldRevision || !this.#annotationsCurrent(deployment, newRS)) {
        newRS = await this.#reviseReplicaSet(deployment, newRS, Math.max(revisionOf(newRS), maxOldRevision + 1));
      }
      const all = [newRS, ...oldRSs];
      if (deployment.spec?.strategy?.type === 'Recreate') await this.#recreate(deployment, newRS, oldRSs);
      else if (!(await this.#scaleUpNew(deployment, newRS, all))) await this.#scaleDownOld(deployment, newRS, oldRSs, all);
      await this.#cleanUp(deployment, oldRSs);
    }
    await this.#updateStatus(deployment, newRS, oldRSs, created);
  }

  /** The ReplicaSet of the current template, at `revision`. */
  async #createReplicaSet(deployment: Deployment, owned: readonly ReplicaSet[], revision: number): Promise<ReplicaSet> {
    const namespace = deployment.metadata?.namespace ?? '';
    const hash = podTemplateHash(deployment.spec?.template, deployment.status?.collisionCount ?? 0);
    const template = structuredClone(deployment.spec?.template ?? {});
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH]: hash } };
    const selector = deployment.spec?.selector ?? {};
    const replicas = deployment.spec?.replicas ?? 1;
    const { surge } = fenceposts(deployment);
    // RollingUpdate starts the new ReplicaSet as large as the surge allows; Recreate at 0 until the old pods are gone.
    const initial = deployment.spec?.strategy?.type === 'Recreate' ? 0 : Math.max(0, Math.min(replicas, replicas + surge - sum(owned, specReplicas)));
    const replicaSet: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${deployment.metadata?.name}-${hash}`,
        namespace,
        labels: { ...deployment.spec?.template?.metadata?.labels, [POD_TEMPLATE_HASH]: hash },
        annotations: this.#annotations(deployment, revision, undefined),
        ownerReferences: [controllerRef(deployment, 'apps/v1', 'Deployment')],
      },
      spec: {
        replicas: initial,
        minReadySeconds: deployment.spec?.minReadySeconds ?? 0,
        selector: { ...selector, matchLabels: { ...selector.matchLabels, [POD_TEMPLATE_HASH]: hash } },
        template,
      },
    };
    const stored = await this.client.kind('apps/v1', 'ReplicaSet').create(replicaSet, { namespace, fieldManager: FIELD_MANAGER });
    this.replicaSets.assume(stored);
    if (initial > 0) this.#events.record(deployment, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${stored.metadata?.name} from 0 to ${initial}`);
    return stored;
  }

  /** The annotations a ReplicaSet of this Deployment carries (deploymentutil.SetNewReplicaSetAnnotations). */
  #annotations(deployment: Deployment, revision: number, current: ReplicaSet | undefined): Record<string, string> {
    const copied = Object.fromEntries(Object.entries(deployment.metadata?.annotations ?? {}).filter(([name]) => !NOT_COPIED.has(name)));
    const previous = current?.metadata?.annotations ?? {};
    const history = previous[REVISION_HISTORY];
    const oldRevision = previous[REVISION];
    const replicas = deployment.spec?.replicas ?? 1;
    return {
      ...copied,
      [REVISION]: String(revision),
      // A re-used ReplicaSet (a rollback) remembers the revisions it had.
      ...(oldRevision && oldRevision !== String(revision) ? { [REVISION_HISTORY]: history ? `${history},${oldRevision}` : oldRevision } : history ? { [REVISION_HISTORY]: history } : {}),
      [DESIRED_REPLICAS]: String(replicas),
      [MAX_REPLICAS]: String(replicas + fenceposts(deployment).surge),
    };
  }

  #annotationsCurrent(deployment: Deployment, replicaSet: ReplicaSet): boolean {
    const wanted = this.#annotations(deployment, revisionOf(replicaSet), replicaSet);
    const current = replicaSet.metadata?.annotations ?? {};
    return Object.entries(wanted).every(([name, value]) => current[name] === value);
  }

  async #reviseReplicaSet(deployment: Deployment, replicaSet: ReplicaSet, revision: number): Promise<ReplicaSet> {
    const updated = await this.client
      .kind('apps/v1', 'ReplicaSet')
      .update({ ...replicaSet, metadata: { ...replicaSet.metadata, annotations: this.#annotations(deployment, revision, replicaSet) } }, { fieldManager: FIELD_MANAGER });
    this.replicaSets.assume(updated);
    return updated;
  }

  async #scale(deployment: Deployment, replicaSet: ReplicaSet, replicas: number): Promise<ReplicaSet> {
    const from = specReplicas(replicaSet);
    if (from === replicas) return replicaSet;
    const annotations = { ...replicaSet.metadata?.annotations, [DESIRED_REPLICAS]: String(deployment.spec?.replicas ?? 1), [MAX_REPLICAS]: String((deployment.spec?.replicas ?? 1) + fenceposts(deployment).surge) };
    const updated = await this.client
      .kind('apps/v1', 'ReplicaSet')
      .update({ ...replicaSet, metadata: { ...replicaSet.metadata, annotations }, spec: { ...replicaSet.spec, replicas } as ReplicaSet['spec'] }, { fieldManager: FIELD_MANAGER });
    this.replicaSets.assume(updated);
    const direction = replicas > from ? 'up' : 'down';
    this.#events.record(deployment, 'Normal', 'ScalingReplicaSet', `Scaled ${direction} replica set ${replicaSet.metadata?.name} from ${from} to ${replicas}`);
    return updated;
  }

  /** rolling.go reconcileNewReplicaSet: grow the new ReplicaSet within the surge. Whether it scaled. */
  async #scaleUpNew(deployment: Deployment, newRS: ReplicaSet, all: readonly ReplicaSet[]): Promise<boolean> {
    const replicas = deployment.spec?.replicas ?? 1;
    const current = specReplicas(newRS);
    if (current === replicas) return false;
    if (current > replicas) {
      await this.#scale(deployment, newRS, replicas);
      return true;
    }
    const room = replicas + fenceposts(deployment).surge - sum(all, specReplicas);
    if (room <= 0) return false;
    await this.#scale(deployment, newRS, current + Math.min(room, replicas - current));
    return true;
  }

  /** rolling.go reconcileOldReplicaSets: shrink the old ReplicaSets as far as maxUnavailable allows, unhealthy replicas first. */
  async #scaleDownOld(deployment: Deployment, newRS: ReplicaSet, oldRSs: readonly ReplicaSet[], all: readonly ReplicaSet[]): Promise<void> {
    if (sum(oldRSs, specReplicas) === 0) return;
    const minAvailable = (deployment.spec?.replicas ?? 1) - fenceposts(deployment).unavailable;
    const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
    let allowed = sum(all, specReplicas) - minAvailable - newUnavailable;
    if (allowed <= 0) return;
    const remaining = new Map(oldRSs.map((replicaSet) => [replicaSet, specReplicas(replicaSet)]));
    for (const replicaSet of oldRSs) {
      if (allowed <= 0) break;
      const unhealthy = specReplicas(replicaSet) - (replicaSet.status?.availableReplicas ?? 0);
      if (unhealthy <= 0) continue;
      const down = Math.min(allowed, unhealthy);
      remaining.set(replicaSet, specReplicas(replicaSet) - down);
      allowed -= down;
    }
    const available = sum(all, (replicaSet) => replicaSet.status?.availableReplicas ?? 0);
    let scaleDown = Math.min(available - minAvailable, Math.max(allowed, 0));
    for (const replicaSet of oldRSs) {
      if (scaleDown <= 0) break;
      const count = remaining.get(replicaSet) ?? 0;
      const down = Math.min(count, scaleDown);
      remaining.set(replicaSet, count - down);
      scaleDown -= down;
    }
    for (const [replicaSet, replicas] of remaining) await this.#scale(deployment, replicaSet, replicas);
  }

  /** recreate.go: every old pod gone first, then the new ReplicaSet at full size. */
  async #recreate(deployment: Deployment, newRS: ReplicaSet, oldRSs: readonly ReplicaSet[]): Promise<void> {
    for (const replicaSet of oldRSs) await this.#scale(deployment, replicaSet, 0);
    const namespace = deployment.metadata?.namespace;
    const oldPods = this.pods.list().filter((pod) => pod.metadata?.namespace === namespace && oldRSs.some((replicaSet) => isControlledBy(pod, replicaSet)));
    if (oldPods.length > 0) return;
    await this.#scale(deployment, newRS, deployment.spec?.replicas ?? 1);
  }

  /** sync.go cleanupDeployment: old ReplicaSets with no pods beyond revisionHistoryLimit go, the oldest first. */
  async #cleanUp(deployment: Deployment, oldRSs: readonly ReplicaSet[]): Promise<void> {
    const limit = deployment.spec?.revisionHistoryLimit ?? 10;
    const idle = oldRSs.filter((replicaSet) => specReplicas(replicaSet) === 0 && (replicaSet.status?.replicas ?? 0) === 0 && !replicaSet.metadata?.deletionTimestamp);
    for (const replicaSet of idle.slice(0, Math.max(0, idle.length - limit))) {
      const removed = await this.client.kind('apps/v1', 'ReplicaSet').delete(replicaSet.metadata?.name ?? '', { namespace: replicaSet.metadata?.namespace, fieldManager: FIELD_MANAGER });
      this.replicaSets.assumeDeleteResult(removed);
    }
  }

  /**
   * deploymentutil.DeploymentProgressing / DeploymentTimedOut: progress (more updated, ready or
   * available replicas, fewer old ones) refreshes `ReplicaSetUpdated`; none for
   * progressDeadlineSeconds on the clock turns it False `ProgressDeadlineExceeded`, which
   * `kubectl rollout status` reports as an error.
   */
  #progressOrTimeOut(
    deployment: Deployment,
    counts: DeploymentStatus,
    name: string,
    set: (condition: Omit<DeploymentCondition, 'lastUpdateTime' | 'lastTransitionTime'>, touch?: boolean) => void,
    conditions: readonly DeploymentCondition[],
  ): void {
    const before = deployment.status ?? {};
    const old = (status: DeploymentStatus) => (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
    const progressed =
      (counts.updatedReplicas ?? 0) > (before.updatedReplicas ?? 0) ||
      (counts.readyReplicas ?? 0) > (before.readyReplicas ?? 0) ||
      (counts.availableReplicas ?? 0) > (before.availableReplicas ?? 0) ||
      old(counts) < old(before);
    const current = conditions.find((condition) => condition.type === 'Progressing');
    if (current?.reason === 'ProgressDeadlineExceeded' && !progressed) return;
    const deadline = deployment.spec?.progressDeadlineSeconds;
    const since = Date.parse(current?.lastUpdateTime ?? '');
    const now = this.clock.now();
    if (!progressed && deadline !== undefined && Number.isFinite(since) && current?.reason !== 'NewReplicaSetAvailable') {
      const expires = since + deadline * 1000;
      if (now >= expires) {
        set({ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${name}" has timed out progressing.` });
        return;
      }
      this.queue.addAfter(keyOf(deployment), expires - now);
    }
    set({ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${name}" is progressing.` }, progressed);
    if (deadline !== undefined && progressed) this.queue.addAfter(keyOf(deployment), deadline * 1000);
  }

  async #updateStatus(deployment: Deployment, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], created: boolean): Promise<void> {
    const all = newRS ? [newRS, ...oldRSs] : [...oldRSs];
    const replicas = deployment.spec?.replicas ?? 1;
    const available = sum(all, (replicaSet) => replicaSet.status?.availableReplicas ?? 0);
    const total = sum(all, (replicaSet) => replicaSet.status?.replicas ?? 0);
    const updatedReplicas = newRS?.status?.replicas ?? 0;
    const generation = deployment.metadata?.generation ?? 1;
    const counts = omitZeros({
      observedGeneration: generation,
      replicas: total,
      updatedReplicas,
      readyReplicas: sum(all, (replicaSet) => replicaSet.status?.readyReplicas ?? 0),
      availableReplicas: available,
      unavailableReplicas: Math.max(replicas - available, 0),
    });
    if (counts.replicas === 0) delete (counts as Partial<typeof counts>).replicas;
    const now = formatTime(this.clock.now());
    const conditions = [...(deployment.status?.conditions ?? [])];
    const set = (condition: Omit<DeploymentCondition, 'lastUpdateTime' | 'lastTransitionTime'>, touch = false) => {
      const index = conditions.findIndex((existing) => existing.type === condition.type);
      const old = conditions[index];
      if (!touch && old && old.status === condition.status && old.reason === condition.reason && old.message === condition.message) return;
      const next: DeploymentCondition = { ...condition, lastUpdateTime: now, lastTransitionTime: old && old.status === condition.status && old.lastTransitionTime ? old.lastTransitionTime : now };
      if (index >= 0) conditions.splice(index, 1);
      conditions.push(next);
    };
    const minAvailable = replicas - fenceposts(deployment).unavailable;
    set(
      available >= minAvailable
        ? { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }
        : { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' },
    );
    const name = newRS?.metadata?.name ?? '';
    const complete = updatedReplicas === replicas && total === replicas && available === replicas;
    if (deployment.spec?.paused) set({ type: 'Progressing', status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    else if (created) set({ type: 'Progressing', status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "${name}"` });
    else if (complete && newRS) set({ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${name}" has successfully progressed.` });
    else if (newRS) this.#progressOrTimeOut(deployment, counts, name, set, conditions);
    const status: DeploymentStatus = { ...counts, conditions };
    if (deployment.status?.collisionCount !== undefined) status.collisionCount = deployment.status.collisionCount;
    const revision = newRS?.metadata?.annotations?.[REVISION];
    const annotations = { ...deployment.metadata?.annotations, ...(revision && { [REVISION]: revision }) };
    if (JSON.stringify(status) === JSON.stringify(deployment.status ?? {}) && annotations[REVISION] === deployment.metadata?.annotations?.[REVISION]) return;
    // Through /status, which lets the revision annotation through without a new generation.
    const updated = await this.client.kind('apps/v1', 'Deployment').updateStatus({ ...deployment, metadata: { ...deployment.metadata, annotations }, status }, { fieldManager: FIELD_MANAGER });
    this.deployments.assume(updated);
  }
}
