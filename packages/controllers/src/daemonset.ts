import type { Client } from '@kubekit/server';
import type { DaemonSet, DaemonSetStatus, Node, Pod, Toleration } from '@kubekit/types';
import type { Clock } from './clock.js';
import { EventRecorder } from './events.js';
import { type Informer, keyOf } from './informer.js';
import { misfit } from './node-fit.js';
import { isActivePod, isControlledBy, isPodReady, podFromTemplate } from './owners.js';
import { podTemplateHash } from './pod-template-hash.js';
import type { ControllerHistory } from './revisions.js';
import { QueueController } from './queue-controller.js';

const COMPONENT = 'daemonset-controller';
const FIELD_MANAGER = 'kube-controller-manager';
const REVISION_HASH = 'controller-revision-hash';
const TEMPLATE_GENERATION = 'pod-template-generation';

/** The tolerations the DaemonSet controller adds to its pods (daemon.AddOrUpdateDaemonPodTolerations). */
const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

function withDaemonTolerations(tolerations: readonly Toleration[] = []): Toleration[] {
  const added = DAEMON_TOLERATIONS.filter((toleration) => !tolerations.some((existing) => existing.key === toleration.key && existing.effect === toleration.effect));
  return [...tolerations, ...added];
}

/** The node affinity that pins a daemon pod to its node (util.ReplaceDaemonSetPodNodeNameNodeAffinity). */
const pinnedTo = (node: string) => ({
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] },
  },
});

/**
 * The DaemonSet controller (pkg/controller/daemon): one pod on every node the template fits
 * (nodeSelector, affinity, taints, with the daemon tolerations added), pinned to its node by a
 * node affinity the scheduler honours; RollingUpdate replaces old pods `maxUnavailable` at a time,
 * OnDelete waits for them to be deleted. Status carries desired/current/updated/ready/available
 * counts, so `kubectl rollout status daemonset` works.
 */
export class DaemonSetController extends QueueController {
  readonly #events: EventRecorder;

  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
    private readonly daemonSets: Informer<DaemonSet>,
    private readonly pods: Informer<Pod>,
    private readonly nodes: Informer<Node>,
    private readonly history: ControllerHistory,
    onError: (key: string, error: unknown) => void,
  ) {
    super(clock, onError);
    this.#events = new EventRecorder(client, clock, COMPONENT);
    daemonSets.on((_event, daemonSet) => this.queue.add(keyOf(daemonSet)));
    pods.on(this.queueOwner('DaemonSet'));
    nodes.on(() => {
      for (const daemonSet of this.daemonSets.list()) this.queue.add(keyOf(daemonSet));
    });
  }

  protected async sync(key: string): Promise<void> {
    const daemonSet = this.daemonSets.get(key);
    if (!daemonSet || daemonSet.metadata?.deletionTimestamp) return;
    const namespace = daemonSet.metadata?.namespace ?? '';
    const template = daemonSet.spec?.template;
    const hash = podTemplateHash(template);
    const owned = this.pods.list().filter((pod) => pod.metadata?.namespace === namespace && isControlledBy(pod, daemonSet));
    const name = daemonSet.metadata?.name ?? '';
    await this.history.record(daemonSet, 'apps/v1', 'DaemonSet', hash, new Set(owned.map((pod) => `${name}-${pod.metadata?.labels?.[REVISION_HASH] ?? ''}`)));
    const nodeOf = (pod: Pod) => pod.spec?.nodeName ?? pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0] ?? '';
    const probe: Pod = { spec: { ...template?.spec, containers: template?.spec?.containers ?? [], tolerations: withDaemonTolerations(template?.spec?.tolerations) } };
    const eligible = this.nodes
      .list()
      .filter((node) => {
        const reason = misfit(probe, node, 0);
        // A cordoned or not-ready node still runs daemons (they tolerate it); a full one does not matter here.
        return reason === undefined || reason === 'Too many pods' || reason === 'node(s) were not ready';
      })
      .map((node) => node.metadata?.name ?? '');

    const strategy = daemonSet.spec?.updateStrategy;
    const rolling = (strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    const maxUnavailable = Math.max(1, resolveCount(strategy?.rollingUpdate?.maxUnavailable as number | string | undefined, eligible.length));
    const active = owned.filter(isActivePod);
    const terminating = owned.filter((pod) => pod.metadata?.deletionTimestamp).length;
    let unavailable = active.filter((pod) => !isPodReady(pod)).length + terminating;

    for (const pod of active) {
      if (!eligible.includes(nodeOf(pod))) await this.#delete(pod);
    }
    for (const node of eligible) {
      const here = active.filter((pod) => nodeOf(pod) === node);
      if (here.length === 0) {
        await this.#create(daemonSet, node, hash);
        continue;
      }
      for (const extra of here.slice(1)) await this.#delete(extra);
      const pod = here[0]!;
      if (rolling && pod.metadata?.labels?.[REVISION_HASH] !== hash && unavailable < maxUnavailable) {
        // A ready old pod makes room for the new one; an unready one goes without counting twice.
        if (isPodReady(pod)) unavailable++;
        await this.#delete(pod);
      }
    }
    await this.#updateStatus(key, daemonSet, eligible, hash);
  }

  async #create(daemonSet: DaemonSet, node: string, hash: string): Promise<void> {
    const template = daemonSet.spec?.template;
    const pod = podFromTemplate(daemonSet, 'apps/v1', 'DaemonSet', template, {
      labels: { [REVISION_HASH]: hash, [TEMPLATE_GENERATION]: String(daemonSet.metadata?.generation ?? 1) },
      spec: { affinity: { ...template?.spec?.affinity, ...pinnedTo(node) }, tolerations: withDaemonTolerations(template?.spec?.tolerations) },
    });
    const created = await this.client.kind('v1', 'Pod').create(pod, { namespace: daemonSet.metadata?.namespace, fieldManager: FIELD_MANAGER });
    this.pods.assume(created);
    this.#events.record(daemonSet, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata?.name}`);
  }

  async #delete(pod: Pod): Promise<void> {
    const removed = await this.client.kind('v1', 'Pod').delete(pod.metadata?.name ?? '', { namespace: pod.metadata?.namespace, fieldManager: FIELD_MANAGER });
    this.pods.assumeDeleteResult(removed);
  }

  async #updateStatus(key: string, daemonSet: DaemonSet, eligible: readonly string[], hash: string): Promise<void> {
    const namespace = daemonSet.metadata?.namespace;
    const active = this.pods.list().filter((pod) => pod.metadata?.namespace === namespace && isControlledBy(pod, daemonSet) && isActivePod(pod));
    const scheduled = active.filter((pod) => pod.spec?.nodeName);
    const onEligible = scheduled.filter((pod) => eligible.includes(pod.spec?.nodeName ?? ''));
    const now = this.clock.now();
    const minReadySeconds = daemonSet.spec?.minReadySeconds ?? 0;
    const available = this.countAvailable(key, onEligible, minReadySeconds, now);
    const status: DaemonSetStatus = {
      currentNumberScheduled: new Set(onEligible.map((pod) => pod.spec?.nodeName)).size,
      numberMisscheduled: scheduled.length - onEligible.length,
      desiredNumberScheduled: eligible.length,
      numberReady: onEligible.filter(isPodReady).length,
      observedGeneration: daemonSet.metadata?.generation ?? 1,
      updatedNumberScheduled: onEligible.filter((pod) => pod.metadata?.labels?.[REVISION_HASH] === hash).length,
      numberAvailable: available,
      numberUnavailable: Math.max(eligible.length - available, 0),
    };
    // numberAvailable and numberUnavailable are omitempty; the other counts are always written.
    if (status.numberAvailable === 0) delete status.numberAvailable;
    if (status.numberUnavailable === 0) delete status.numberUnavailable;
    if (JSON.stringify(status) === JSON.stringify(daemonSet.status ?? {})) return;
    const updated = await this.client.kind('apps/v1', 'DaemonSet').updateStatus({ ...daemonSet, status }, { fieldManager: FIELD_MANAGER });
    this.daemonSets.assume(updated);
  }
}

/** maxUnavailable as a count: a number, or a percentage of `total` rounded up. */
function resolveCount(value: number | string | undefined, total: number): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.endsWith('%')) return Math.ceil((Number(value.slice(0, -1)) * total) / 100);
  return Number(value ?? 1) || 1;
}
