import type { Pod } from '@kubekit/types';

/**
 * Annotations that script what the simulated kubelet does with a pod (set them in a Deployment's
 * or Job's pod template):
 * - `kubekit.dev/start-delay`: how long the containers take to start (`ContainerCreating` until then);
 * - `kubekit.dev/ready-delay`: how long after starting the pod turns Ready (its readiness probe);
 * - `kubekit.dev/never-ready: "true"`: runs but never turns Ready;
 * - `kubekit.dev/run-for` and `kubekit.dev/exit-code`: the containers exit after that long with
 *   that code (a pod that restarts Always then goes through CrashLoopBackOff). Without them a pod
 *   with `restartPolicy: Never` or `OnFailure` exits 0 as soon as it has started, and one that
 *   restarts Always runs until deleted;
 * - `kubekit.dev/log`: the lines each container writes when it starts, which `kubectl logs` prints
 *   (otherwise one line saying what started).
 * Durations are Go-style (`500ms`, `2s`, `1m30s`) or a number of seconds.
 */
export const BEHAVIOUR = {
  startDelay: 'kubekit.dev/start-delay',
  readyDelay: 'kubekit.dev/ready-delay',
  neverReady: 'kubekit.dev/never-ready',
  runFor: 'kubekit.dev/run-for',
  exitCode: 'kubekit.dev/exit-code',
  log: 'kubekit.dev/log',
} as const;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `1m30s` → 90000; a bare number is seconds; undefined for anything else. */
export function parseDuration(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== text) return undefined;
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * UNIT_MS[unit!]!, 0);
}

export interface PodBehaviour {
  startDelayMs: number;
  readyDelayMs: number;
  neverReady: boolean;
  /** Undefined: runs until deleted. */
  exit: { afterMs: number; code: number } | undefined;
}

export function behaviourOf(pod: Pod): PodBehaviour {
  const annotations = pod.metadata?.annotations ?? {};
  const runFor = parseDuration(annotations[BEHAVIOUR.runFor]);
  const exitCode = annotations[BEHAVIOUR.exitCode];
  const restarts = pod.spec?.restartPolicy ?? 'Always';
  const exits = runFor !== undefined || exitCode !== undefined || restarts !== 'Always';
  return {
    startDelayMs: parseDuration(annotations[BEHAVIOUR.startDelay]) ?? 0,
    readyDelayMs: parseDuration(annotations[BEHAVIOUR.readyDelay]) ?? 0,
    neverReady: annotations[BEHAVIOUR.neverReady] === 'true',
    exit: exits ? { afterMs: runFor ?? 0, code: Number(exitCode ?? 0) || 0 } : undefined,
  };
}
