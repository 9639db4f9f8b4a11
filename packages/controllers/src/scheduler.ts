import type { Client } from '@kubekit/server';
import type { Node, Pod } from '@kubekit/types';
import { formatTime } from '@kubekit/registry';
import type { Clock } from './clock.js';
import { EventRecorder } from './events.js';
import type { Informer} from './informer.js';
import { keyOf } from './informer.js';
import { type Misfit, misfit, unschedulableMessage } from './node-fit.js';
import { QueueController } from './queue-controller.js';

const SCHEDULER_NAME = 'default-scheduler';

const isPending = (pod: Pod) =>
  !pod.spec?.nodeName && !pod.metadata?.deletionTimestamp && (pod.spec?.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME && !pod.spec?.schedulingGates?.length;

/**
 * The scheduler: binds every pending pod (no nodeName, `default-scheduler`, no scheduling gates) to
 * a node that fits it (nodeSelector and required node affinity, taints and tolerations, cordon,
 * readiness, the node's pod capacity), the one with the fewest pods first. A pod that fits nowhere
 * gets `PodScheduled=False` (Unschedulable) and a FailedScheduling event, and is tried again when a
 * node changes.
 */
export class Scheduler extends QueueController {
  readonly #events: EventRecorder;
  /** Pods bound here whose binding the pod cache does not show yet, by key: counted on their node. */
  readonly #bound = new Map<string, string>();

  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
    private readonly pods: Informer<Pod>,
    private readonly nodes: Informer<Node>,
    onError: (key: string, error: unknown) => void,
  ) {
    super(clock, onError);
    this.#events = new EventRecorder(client, clock, SCHEDULER_NAME);
    pods.on((event, pod) => {
      if (event === 'delete' || pod.spec?.nodeName) this.#bound.delete(keyOf(pod));
      if (event !== 'delete' && isPending(pod) && !this.#bound.has(keyOf(pod))) this.queue.add(keyOf(pod));
    });
    // A node that comes, changes or goes may fit pods that fitted nowhere.
    nodes.on(() => {
      for (const pod of this.pods.list()) if (isPending(pod)) this.queue.add(keyOf(pod));
    });
  }

  protected async sync(key: string): Promise<void> {
    const pod = this.pods.get(key);
    if (!pod || !isPending(pod) || this.#bound.has(key)) return;
    const load = new Map<string, number>();
    for (const other of this.pods.list()) {
      const node = other.spec?.nodeName ?? this.#bound.get(keyOf(other));
      if (node && other.status?.phase !== 'Succeeded' && other.status?.phase !== 'Failed') load.set(node, (load.get(node) ?? 0) + 1);
    }
    const nodes = this.nodes.list().sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
    const reasons: Misfit[] = [];
    let chosen: Node | undefined;
    for (const node of nodes) {
      const name = node.metadata?.name ?? '';
      const reason = misfit(pod, node, load.get(name) ?? 0);
      if (reason) reasons.push(reason);
      else if (!chosen || (load.get(name) ?? 0) < (load.get(chosen.metadata?.name ?? '') ?? 0)) chosen = node;
    }
    const namespace = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    const podClient = this.client.kind('v1', 'Pod');
    if (!chosen) {
      const message = unschedulableMessage(nodes.length, reasons);
      const current = pod.status?.conditions?.find((condition) => condition.type === 'PodScheduled');
      if (current?.message === message) return;
      const conditions = (pod.status?.conditions ?? []).filter((condition) => condition.type !== 'PodScheduled');
      const updated = await podClient.updateStatus(
        {
          ...pod,
          status: {
            ...pod.status,
            conditions: [...conditions, { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastTransitionTime: formatTime(this.clock.now()) }],
          },
        },
        { fieldManager: SCHEDULER_NAME },
      );
      this.pods.assume(updated);
      this.#events.record(pod, 'Warning', 'FailedScheduling', message);
      return;
    }
    const nodeName = chosen.metadata?.name ?? '';
    await podClient.act('binding', name, { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace }, target: { apiVersion: 'v1', kind: 'Node', name: nodeName } }, { namespace, fieldManager: SCHEDULER_NAME });
    this.#bound.set(key, nodeName);
    this.#events.record(pod, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${nodeName}`);
  }
}
