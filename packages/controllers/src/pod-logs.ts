import type { Client, ContainerLog, LogLine, NodeConnection } from '@kubekit/server';
import type { Container, ContainerStatus, Pod } from '@kubekit/types';
import { normalizeImage } from './kubelet.js';
import { BEHAVIOUR } from './pod-behaviour.js';

/** The run of a container a log request means, as the kubelet finds it in the pod's status. */
interface Run {
  startedAt: string;
  running: boolean;
}

/**
 * The run `kubectl logs` reads (the kubelet's validateContainerLogStatus): with `previous`, the
 * last terminated one; else the running one, the terminated one, or, while the container waits
 * to start again, the last terminated one.
 */
function runOf(status: ContainerStatus, previous: boolean): Run | undefined {
  const last = status.lastState?.terminated;
  if (previous) return last?.startedAt ? { startedAt: last.startedAt, running: false } : undefined;
  const { running, terminated } = status.state ?? {};
  if (running?.startedAt) return { startedAt: running.startedAt, running: true };
  if (terminated?.startedAt) return { startedAt: terminated.startedAt, running: false };
  return last?.startedAt ? { startedAt: last.startedAt, running: false } : undefined;
}

/** A container's status in the pod, an init container's too. */
function statusOf(pod: Readonly<Pod> | undefined, name: string): ContainerStatus | undefined {
  return [...(pod?.status?.initContainerStatuses ?? []), ...(pod?.status?.containerStatuses ?? [])].find((status) => status.name === name);
}

/** What each run of a simulated container writes when it starts: the pod's `kubekit.dev/log` text, or a line saying what started. */
function linesOf(pod: Readonly<Pod>, container: Container, run: Run): LogLine[] {
  const scripted = pod.metadata?.annotations?.[BEHAVIOUR.log];
  const texts = scripted !== undefined ? scripted.replace(/\n$/, '').split('\n') : [`${container.name} started from ${normalizeImage(container.image ?? '')}`];
  const at = Date.parse(run.startedAt);
  return texts.map((text, index) => ({ time: at + index, text }));
}

/**
 * The simulated kubelets' container logs, read from what they report in each pod's status: a run's
 * log follows from the pod and the run's start, so every server sharing a storage serves the same
 * log, whichever of them runs the kubelets. A followed log of a running container ends when the
 * pod's status says that run is over.
 */
export function podLogs(client: Client): NodeConnection {
  const pods = client.kind('v1', 'Pod');
  return {
    containerLog(pod, name, previous) {
      const container = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find((candidate) => candidate.name === name);
      const status = statusOf(pod, name);
      const run = status && runOf(status, previous);
      if (!container || !run) return undefined;
      const log: ContainerLog = {
        lines: linesOf(pod, container, run),
        running: run.running,
        follow(listener) {
          const abort = new AbortController();
          const ended = (candidate: Readonly<Pod>) => statusOf(candidate, name)?.state?.running?.startedAt !== run.startedAt;
          void (async () => {
            try {
              const watch = pods.watch({
                namespace: pod.metadata?.namespace ?? '',
                fieldSelector: `metadata.name=${pod.metadata?.name ?? ''}`,
                resourceVersion: pod.metadata?.resourceVersion ?? '0',
                signal: abort.signal,
              });
              for await (const event of watch) if (event.type === 'DELETED' || ended(event.object)) break;
            } catch {
              // The pod's history is gone (410) or the server closes: the log ends here too.
            }
            if (!abort.signal.aborted) listener(undefined);
          })();
          return () => abort.abort();
        },
      };
      return log;
    },
  };
}
