import { createHash } from 'node:crypto';
import { isStatusError } from '@kubekit/apimachinery';
import type { Client } from '@kubekit/server';
import type { Container, ContainerState, ContainerStatus, Pod, PodCondition, PodStatus } from '@kubekit/types';
import { formatTime } from '@kubekit/registry';
import type { Clock } from './clock.js';
import { EventRecorder } from './events.js';
import type { Informer} from './informer.js';
import { keyOf } from './informer.js';
import { nodeAddress } from './nodes.js';
import { behaviourOf } from './pod-behaviour.js';
import { QueueController } from './queue-controller.js';

const FIELD_MANAGER = 'kubelet';
/** The kubelet's crash-loop back-off: 10 s doubled per restart, at most 5 minutes. */
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;

/** What the kubelet remembers of a pod it runs, by uid. */
interface PodRun {
  node: string;
  ip: string;
  /** When the kubelet took the pod (status.startTime). */
  admittedAt: number;
  /** When the current containers started; undefined while they are being created. */
  startedAt: number | undefined;
  restarts: number;
  lastExit: { code: number; startedAt: number; finishedAt: number } | undefined;
  /** Events already told, so a re-reconcile does not repeat them. */
  told: Set<string>;
}

/** A container as the kubelet reports it at one moment. */
type Phase = 'creating' | 'running' | 'backoff' | { exited: number };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** containerd's normalised reference: `nginx` → `docker.io/library/nginx:latest`. */
export function normalizeImage(image: string): string {
  const [first, ...rest] = image.split('/');
  const hasRegistry = rest.length > 0 && (first!.includes('.') || first!.includes(':') || first === 'localhost');
  let reference = hasRegistry ? image : rest.length === 0 ? `docker.io/library/${image}` : `docker.io/${image}`;
  const lastPart = reference.slice(reference.lastIndexOf('/') + 1);
  if (!lastPart.includes(':') && !lastPart.includes('@')) reference += ':latest';
  return reference;
}

const imageId = (image: string) => `${normalizeImage(image).replace(/:[^:/@]+$/, '')}@sha256:${sha256(normalizeImage(image))}`;

/**
 * The simulated kubelets of every node: a pod bound to one of them starts (after its scripted
 * start delay), runs with an IP from the node's pod network, turns Ready, and exits or crash-loops
 * as its annotations say (see `BEHAVIOUR`), with the events a real kubelet writes. A pod being
 * deleted has its containers stopped and is then removed (the kubelet's final delete with grace
 * period 0).
 */
export class Kubelets extends QueueController {
  readonly #runs = new Map<string, PodRun>();
  readonly #recorders = new Map<string, EventRecorder>();
  readonly #nextIp = new Map<string, number>();

  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
    private readonly pods: Informer<Pod>,
    /** The nodes these kubelets run, in order (the order gives their addresses). */
    private readonly nodes: readonly string[],
    onError: (key: string, error: unknown) => void,
  ) {
    super(clock, onError);
    pods.on((event, pod) => {
      if (event === 'delete') {
        this.#runs.delete(pod.metadata?.uid ?? '');
        return;
      }
      if (this.#manages(pod)) this.queue.add(keyOf(pod));
    });
  }

  #manages(pod: Pod): boolean {
    return this.nodes.includes(pod.spec?.nodeName ?? '');
  }

  #recorder(node: string): EventRecorder {
    let recorder = this.#recorders.get(node);
    if (!recorder) this.#recorders.set(node, (recorder = new EventRecorder(this.client, this.clock, FIELD_MANAGER, node)));
    return recorder;
  }

  #allocateIp(node: string): string {
    const index = this.nodes.indexOf(node);
    const next = this.#nextIp.get(node) ?? 0;
    this.#nextIp.set(node, next + 1);
    return `10.244.${index + 1}.${(next % 253) + 2}`;
  }

  protected async sync(key: string): Promise<void> {
    const pod = this.pods.get(key);
    if (!pod || !this.#manages(pod)) return;
    const uid = pod.metadata?.uid ?? '';
    const node = pod.spec?.nodeName ?? '';
    if (pod.metadata?.deletionTimestamp) return this.#terminate(pod, node);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return;
    let run = this.#runs.get(uid);
    if (!run) {
      run = { node, ip: this.#allocateIp(node), admittedAt: this.clock.now(), startedAt: undefined, restarts: 0, lastExit: undefined, told: new Set() };
      this.#runs.set(uid, run);
    }
    const { status, wakeAt } = this.#statusAt(pod, run, this.clock.now());
    if (wakeAt !== undefined) this.queue.addAfter(key, wakeAt - this.clock.now());
    if (JSON.stringify(status) === JSON.stringify(pod.status)) return;
    const updated = await this.client.kind('v1', 'Pod').updateStatus({ ...pod, status }, { fieldManager: FIELD_MANAGER });
    this.pods.assume(updated);
  }

  /** The pod's status at `now`, advancing its run through starts, exits and restarts; and when to look again. */
  #statusAt(pod: Pod, run: PodRun, now: number): { status: PodStatus; wakeAt: number | undefined } {
    const behaviour = behaviourOf(pod);
    const restartPolicy = pod.spec?.restartPolicy ?? 'Always';
    const containers = pod.spec?.containers ?? [];
    const recorder = this.#recorder(run.node);
    let wakeAt: number | undefined;
    const wake = (at: number) => (wakeAt = wakeAt === undefined ? at : Math.min(wakeAt, at));
    let state: Phase = 'creating';
    // Walk the run forward to now: a clock advanced by minutes may cross several exits and restarts.
    for (;;) {
      if (run.startedAt === undefined) {
        const startAt = run.lastExit ? run.lastExit.finishedAt + this.#backoff(run.restarts) : run.admittedAt + behaviour.startDelayMs;
        if (now < startAt) {
          state = run.lastExit ? 'backoff' : 'creating';
          wake(startAt);
          break;
        }
        run.startedAt = startAt;
      }
      const exit = behaviour.exit;
      if (!exit) {
        state = 'running';
        break;
      }
      const exitAt = run.startedAt + exit.afterMs;
      if (now < exitAt) {
        state = 'running';
        wake(exitAt);
        break;
      }
      const restarts = restartPolicy === 'Always' || (restartPolicy === 'OnFailure' && exit.code !== 0);
      run.lastExit = { code: exit.code, startedAt: run.startedAt, finishedAt: exitAt };
      if (!restarts) {
        state = { exited: exit.code };
        break;
      }
      run.restarts++;
      run.startedAt = undefined;
    }
    // Events for the run the pod is in now, once: a clock moved by hours does not write them for
    // every start and back-off it skipped. (Its log follows from its start: pod-logs.ts.)
    const startKey = `started-${run.restarts}`;
    if (run.startedAt !== undefined && !run.told.has(startKey)) {
      run.told.add(startKey);
      this.#tellStarted(pod, run, containers, recorder);
    }
    const backOff = `backoff-${run.restarts}`;
    if (state === 'backoff' && !run.told.has(backOff)) {
      run.told.add(backOff);
      for (const container of containers) {
        recorder.record(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${container.name} in pod ${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})`, `spec.containers{${container.name}}`);
      }
    }
    const readyAt = run.startedAt === undefined ? undefined : run.startedAt + behaviour.readyDelayMs;
    const ready = state === 'running' && !behaviour.neverReady && readyAt !== undefined && now >= readyAt;
    if (state === 'running' && !behaviour.neverReady && readyAt !== undefined && now < readyAt) wake(readyAt);
    return { status: this.#status(pod, run, state, ready), wakeAt };
  }

  #backoff(restarts: number): number {
    return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(restarts - 1, 0), BACKOFF_MAX_MS);
  }

  #tellStarted(pod: Pod, run: PodRun, containers: readonly Container[], recorder: EventRecorder): void {
    for (const container of containers) {
      const path = `spec.containers{${container.name}}`;
      if (run.restarts === 0) recorder.record(pod, 'Normal', 'Pulled', `Container image "${container.image}" already present on machine`, path);
      recorder.record(pod, 'Normal', 'Created', `Created container: ${container.name}`, path);
      recorder.record(pod, 'Normal', 'Started', `Started container ${container.name}`, path);
    }
  }

  #status(pod: Pod, run: PodRun, state: Phase, ready: boolean): PodStatus {
    const previous = pod.status ?? {};
    const now = this.clock.now();
    const exited = typeof state === 'object' ? state.exited : undefined;
    const phase = exited === undefined ? (state === 'creating' ? 'Pending' : 'Running') : exited === 0 ? 'Succeeded' : 'Failed';
    const containers = pod.spec?.containers ?? [];
    const containerID = (name: string, restarts: number) => `containerd://${sha256(`${pod.metadata?.uid}/${name}/${restarts}`)}`;
    const terminated = (name: string, exit: NonNullable<PodRun['lastExit']>, restarts: number): ContainerState => ({
      terminated: {
        exitCode: exit.code,
        reason: exit.code === 0 ? 'Completed' : 'Error',
        startedAt: formatTime(exit.startedAt),
        finishedAt: formatTime(exit.finishedAt),
        containerID: containerID(name, restarts),
      },
    });
    const containerStatuses: ContainerStatus[] = containers.map((container) => {
      const name = container.name;
      let current: ContainerState;
      if (exited !== undefined) current = terminated(name, run.lastExit!, run.restarts);
      else if (state === 'running') current = { running: { startedAt: formatTime(run.startedAt!) } };
      else if (state === 'backoff') {
        current = { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${this.#backoff(run.restarts) / 1000}s restarting failed container=${name} pod=${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})` } };
      } else current = { waiting: { reason: 'ContainerCreating' } };
      const lastState: ContainerState = run.lastExit && run.restarts > 0 ? terminated(name, run.lastExit, run.restarts - 1) : {};
      return {
        name,
        state: current,
        lastState,
        ready: ready,
        restartCount: run.restarts,
        image: normalizeImage(container.image ?? ''),
        imageID: state === 'creating' ? '' : imageId(container.image ?? ''),
        ...(state !== 'creating' && { containerID: containerID(name, run.restarts) }),
        started: state === 'running',
      };
    });
    const notReady = containers.map((container) => container.name);
    const condition = (type: string, status: boolean, reason?: string, message?: string): PodCondition => {
      const old = previous.conditions?.find((candidate) => candidate.type === type);
      const value = status ? 'True' : 'False';
      return {
        type,
        status: value,
        ...(old?.status === value && old.lastProbeTime !== undefined && { lastProbeTime: old.lastProbeTime }),
        lastTransitionTime: old?.status === value && old.lastTransitionTime ? old.lastTransitionTime : formatTime(now),
        ...(!status && reason && { reason }),
        ...(!status && message && { message }),
      };
    };
    const unreadyReason = exited !== undefined ? 'PodCompleted' : 'ContainersNotReady';
    const unreadyMessage = exited !== undefined ? undefined : `containers with unready status: [${notReady.join(' ')}]`;
    const scheduled = previous.conditions?.find((candidate) => candidate.type === 'PodScheduled') ?? { type: 'PodScheduled', status: 'True', lastTransitionTime: formatTime(run.admittedAt) };
    const hostIP = nodeAddress(this.nodes.indexOf(run.node));
    return {
      ...(previous.qosClass && { qosClass: previous.qosClass }),
      phase,
      conditions: [
        condition('PodReadyToStartContainers', state !== 'creating' || run.restarts > 0),
        condition('Initialized', true),
        condition('Ready', ready, unreadyReason, unreadyMessage),
        condition('ContainersReady', ready, unreadyReason, unreadyMessage),
        scheduled,
      ],
      hostIP,
      hostIPs: [{ ip: hostIP }],
      ...(state !== 'creating' || run.restarts > 0 ? { podIP: run.ip, podIPs: [{ ip: run.ip }] } : {}),
      startTime: formatTime(run.admittedAt),
      containerStatuses,
    };
  }

  /** A pod being deleted: its containers are stopped, then the kubelet's final delete removes it. */
  async #terminate(pod: Pod, node: string): Promise<void> {
    const run = this.#runs.get(pod.metadata?.uid ?? '');
    if (!run?.told.has('killing')) {
      run?.told.add('killing');
      for (const container of pod.spec?.containers ?? []) {
        this.#recorder(node).record(pod, 'Normal', 'Killing', `Stopping container ${container.name}`, `spec.containers{${container.name}}`);
      }
    }
    try {
      const { namespace, name, uid } = pod.metadata ?? {};
      await this.client.kind('v1', 'Pod').delete(name ?? '', { namespace, gracePeriodSeconds: 0, preconditions: { uid }, fieldManager: FIELD_MANAGER });
    } catch (error) {
      if (!isStatusError(error, 'NotFound') && !isStatusError(error, 'Conflict')) throw error;
    }
  }
}
