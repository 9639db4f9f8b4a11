import { isStatusError } from '@kubekit/apimachinery';
import type { Client } from '@kubekit/server';
import type { Pod, StatefulSet, StatefulSetStatus } from '@kubekit/types';
import type { Clock } from './clock.js';
import { EventRecorder } from './events.js';
import { type Informer, keyOf } from './informer.js';
import { isActivePod, isControlledBy, isPodReady, podFromTemplate } from './owners.js';
import { podTemplateHash } from './pod-template-hash.js';
import type { ControllerHistory } from './revisions.js';
import { QueueController } from './queue-controller.js';

const COMPONENT = 'statefulset-controller';
const FIELD_MANAGER = 'kube-controller-manager';
const REVISION_HASH = 'controller-revision-hash';

const isRunningAndReady = (pod: Pod) => pod.status?.phase === 'Running' && isPodReady(pod);

/**
 * The StatefulSet controller (pkg/controller/statefulset): pods `<set>-<ordinal>` with stable
 * hostnames under the governing Service, their PersistentVolumeClaims from volumeClaimTemplates
 * (`<template>-<pod>`), created in order and each Running and Ready before the next
 * (`OrderedReady`) or all at once (`Parallel`), removed from the highest ordinal down; a
 * RollingUpdate replaces pods from the highest ordinal to the partition, one at a time. Status
 * carries the replica counts and currentRevision/updateRevision (`<set>-<hash>`), so
 * `kubectl rollout status statefulset` works.
 */
export class StatefulSetController extends QueueController {
  readonly #events: EventRecorder;

  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
    private readonly statefulSets: Informer<StatefulSet>,
    private readonly pods: Informer<Pod>,
    private readonly history: ControllerHistory,
    onError: (key: string, error: unknown) => void,
  ) {
    super(clock, onError);
    this.#events = new EventRecorder(client, clock, COMPONENT);
    statefulSets.on((_event, statefulSet) => this.queue.add(keyOf(statefulSet)));
    pods.on(this.queueOwner('StatefulSet'));
  }

  protected async sync(key: string): Promise<void> {
    const set = this.statefulSets.get(key);
    if (!set || set.metadata?.deletionTimestamp) return;
    const name = set.metadata?.name ?? '';
    const hash = podTemplateHash(set.spec?.template);
    const updateRevision = `${name}-${hash}`;
    const running = new Set([...this.#owned(set).values()].map((pod) => pod.metadata?.labels?.[REVISION_HASH] ?? ''));
    await this.history.record(set, 'apps/v1', 'StatefulSet', hash, running);
    await this.#reconcilePods(set, name, updateRevision);
    await this.#updateStatus(key, set, updateRevision);
  }

  #owned(set: StatefulSet): Map<number, Pod> {
    const name = set.metadata?.name ?? '';
    const byOrdinal = new Map<number, Pod>();
    for (const pod of this.pods.list()) {
      if (pod.metadata?.namespace !== set.metadata?.namespace || !isControlledBy(pod, set)) continue;
      const ordinal = /^(\d+)$/.exec((pod.metadata?.name ?? '').slice(name.length + 1))?.[1];
      if (ordinal !== undefined) byOrdinal.set(Number(ordinal), pod);
    }
    return byOrdinal;
  }

  async #reconcilePods(set: StatefulSet, name: string, updateRevision: string): Promise<void> {
    const replicas = set.spec?.replicas ?? 1;
    const start = set.spec?.ordinals?.start ?? 0;
    const parallel = set.spec?.podManagementPolicy === 'Parallel';
    const byOrdinal = this.#owned(set);
    // Create the missing ones, lowest first; OrderedReady waits for each to be Running and Ready.
    for (let ordinal = start; ordinal < start + replicas; ordinal++) {
      const pod = byOrdinal.get(ordinal);
      if (!pod) {
        await this.#create(set, name, ordinal, updateRevision);
        if (parallel) continue;
        return;
      }
      if (!parallel && (pod.metadata?.deletionTimestamp || !isRunningAndReady(pod))) return;
    }
    // Remove the condemned, highest first; OrderedReady one at a time, each gone before the next.
    const condemned = [...byOrdinal.keys()].filter((ordinal) => ordinal < start || ordinal >= start + replicas).sort((a, b) => b - a);
    for (const ordinal of condemned) {
      const pod = byOrdinal.get(ordinal)!;
      if (!pod.metadata?.deletionTimestamp) await this.#delete(set, pod);
      if (!parallel) return;
    }
    // RollingUpdate: from the highest ordinal down to the partition, one pod at a time.
    const strategy = set.spec?.updateStrategy;
    if ((strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return;
    const partition = strategy?.rollingUpdate?.partition ?? 0;
    for (let ordinal = start + replicas - 1; ordinal >= start + partition; ordinal--) {
      const pod = byOrdinal.get(ordinal);
      if (!pod || pod.metadata?.deletionTimestamp) return;
      if (pod.metadata?.labels?.[REVISION_HASH] !== updateRevision) {
        await this.#delete(set, pod);
        return;
      }
      if (!isRunningAndReady(pod)) return;
    }
  }

  async #create(set: StatefulSet, name: string, ordinal: number, revision: string): Promise<void> {
    const namespace = set.metadata?.namespace ?? '';
    const podName = `${name}-${ordinal}`;
    const template = set.spec?.template;
    const claims = set.spec?.volumeClaimTemplates ?? [];
    const claimVolumes = claims.map((claim) => ({ name: claim.metadata?.name ?? '', persistentVolumeClaim: { claimName: `${claim.metadata?.name}-${podName}` } }));
    for (const claim of claims) await this.#ensureClaim(set, claim, podName);
    const volumes = [...(template?.spec?.volumes ?? []).filter((volume) => !claimVolumes.some((claim) => claim.name === volume.name)), ...claimVolumes];
    const pod = podFromTemplate(set, 'apps/v1', 'StatefulSet', template, {
      name: podName,
      labels: { [REVISION_HASH]: revision, 'statefulset.kubernetes.io/pod-name': podName, 'apps.kubernetes.io/pod-index': String(ordinal) },
      spec: { hostname: podName, ...(set.spec?.serviceName && { subdomain: set.spec.serviceName }), ...(volumes.length && { volumes }) },
    });
    const created = await this.client.kind('v1', 'Pod').create(pod, { namespace, fieldManager: FIELD_MANAGER });
    this.pods.assume(created);
    this.#events.record(set, 'Normal', 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${name} successful`);
  }

  /** The claim `<template>-<pod>`, labelled with the set's selector; kept when it exists. */
  async #ensureClaim(set: StatefulSet, claim: NonNullable<NonNullable<StatefulSet['spec']>['volumeClaimTemplates']>[number], podName: string): Promise<void> {
    const namespace = set.metadata?.namespace ?? '';
    const claimName = `${claim.metadata?.name}-${podName}`;
    try {
      await this.client.kind('v1', 'PersistentVolumeClaim').create(
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: claimName, namespace, labels: { ...claim.metadata?.labels, ...set.spec?.selector?.matchLabels } },
          spec: structuredClone(claim.spec ?? {}),
        },
        { namespace, fieldManager: FIELD_MANAGER },
      );
      this.#events.record(set, 'Normal', 'SuccessfulCreate', `create Claim ${claimName} Pod ${podName} in StatefulSet ${set.metadata?.name} success`);
    } catch (error) {
      if (!isStatusError(error, 'AlreadyExists')) throw error;
    }
  }

  async #delete(set: StatefulSet, pod: Pod): Promise<void> {
    const removed = await this.client.kind('v1', 'Pod').delete(pod.metadata?.name ?? '', { namespace: pod.metadata?.namespace, fieldManager: FIELD_MANAGER });
    this.pods.assumeDeleteResult(removed);
    this.#events.record(set, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} successful`);
  }

  async #updateStatus(key: string, set: StatefulSet, updateRevision: string): Promise<void> {
    const pods = [...this.#owned(set).values()].filter(isActivePod);
    const replicas = set.spec?.replicas ?? 1;
    const updated = pods.filter((pod) => pod.metadata?.labels?.[REVISION_HASH] === updateRevision).length;
    const ready = pods.filter(isPodReady);
    // The update is complete once every pod runs the new revision and is ready: it becomes the current one.
    const previous = set.status?.currentRevision ?? updateRevision;
    const currentRevision = updated === replicas && pods.length === replicas && ready.length === replicas ? updateRevision : previous;
    const now = this.clock.now();
    const minReadySeconds = set.spec?.minReadySeconds ?? 0;
    const available = this.countAvailable(key, pods, minReadySeconds, now);
    const status: StatefulSetStatus = {
      observedGeneration: set.metadata?.generation ?? 1,
      replicas: pods.length,
      readyReplicas: ready.length,
      currentReplicas: pods.filter((pod) => pod.metadata?.labels?.[REVISION_HASH] === currentRevision).length,
      updatedReplicas: updated,
      currentRevision,
      updateRevision,
      collisionCount: 0,
      availableReplicas: available,
    };
    for (const field of ['readyReplicas', 'currentReplicas', 'updatedReplicas'] as const) if (status[field] === 0) delete status[field];
    if (JSON.stringify(status) === JSON.stringify(set.status ?? {})) return;
    const written = await this.client.kind('apps/v1', 'StatefulSet').updateStatus({ ...set, status }, { fieldManager: FIELD_MANAGER });
    this.statefulSets.assume(written);
  }
}
