import { randomUUID } from 'node:crypto';
import type { Client } from '@kubekit/server';
import type { Clock } from './clock.js';

/**
 * kube-controller-manager's leader election (`--leader-elect`, client-go's leaderelection with a
 * Lease lock): of several servers sharing one storage, one runs the controllers at a time.
 */
export interface LeaderElectionOptions {
  /** Who this is, written as the Lease's holderIdentity. Default: a random UUID. */
  identity?: string;
  /** The Lease, `kube-system/kube-controller-manager` by default. */
  namespace?: string;
  name?: string;
  /** How long a claim lasts without renewal, in milliseconds (15 000, `--leader-elect-lease-duration`). */
  leaseDuration?: number;
  /** How long a leader keeps failing to renew before it stops leading (10 000, `--leader-elect-renew-deadline`). */
  renewDeadline?: number;
  /** How often to try to acquire or renew (2 000, `--leader-elect-retry-period`). */
  retryPeriod?: number;
  /** Told after the first round, and whenever this process starts or stops leading (for a log line). */
  onChange?: (leading: boolean, identity: string) => void;
}

export interface LeaderElection {
  readonly identity: string;
  readonly leading: boolean;
  /** Resolves once the first attempt to acquire is over (and, if it won, leading has started). */
  readonly ready: Promise<void>;
  /** Stops trying; a leader stops leading and gives the Lease up, so another takes over at once. */
  stop(): Promise<void>;
}

interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

/** metav1.MicroTime: RFC 3339 with microseconds. */
const microTime = (ms: number) => new Date(ms).toISOString().replace('Z', '000Z');

/**
 * Tries every `retryPeriod` (on `clock`) to acquire or renew the Lease, and calls `start` when this
 * process begins leading and `stop` when it ends, one after the other, never overlapping. A Lease
 * is free when it has no holder or its holder's renewTime is older than its leaseDurationSeconds.
 * Writes carry the resourceVersion read, so two candidates cannot both win the same round.
 */
export function electLeader(client: Client, clock: Clock, options: LeaderElectionOptions, on: { start: () => Promise<void>; stop: () => Promise<void> }): LeaderElection {
  const identity = options.identity ?? randomUUID();
  const namespace = options.namespace ?? 'kube-system';
  const name = options.name ?? 'kube-controller-manager';
  const leaseDuration = options.leaseDuration ?? 15_000;
  const renewDeadline = options.renewDeadline ?? 10_000;
  const retryPeriod = options.retryPeriod ?? 2_000;
  const leases = client.kind('coordination.k8s.io/v1', 'Lease');
  let leading = false;
  let lastRenewed = 0;
  let stopped = false;
  let cancel: () => void = () => undefined;
  /** start and stop run in order. */
  let transitions = Promise.resolve();

  const lead = (now: boolean) => {
    if (leading === now) return;
    leading = now;
    options.onChange?.(now, identity);
    transitions = transitions.then(now ? on.start : on.stop).catch(() => undefined);
  };

  /** One round: true when this process holds the Lease afterwards. */
  const tryAcquireOrRenew = async (): Promise<boolean> => {
    const now = clock.now();
    const spec = (held: LeaseSpec | undefined): LeaseSpec => ({
      holderIdentity: identity,
      leaseDurationSeconds: Math.ceil(leaseDuration / 1000),
      acquireTime: held?.holderIdentity === identity && held.acquireTime ? held.acquireTime : microTime(now),
      renewTime: microTime(now),
      // client-go counts a transition whenever the Lease changes hands, a released one included.
      leaseTransitions: held === undefined ? 0 : (held.leaseTransitions ?? 0) + (held.holderIdentity !== identity ? 1 : 0),
    });
    const current = await leases.get(name, { namespace }).catch(() => undefined);
    if (!current) {
      return leases
        .create({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace }, spec: spec(undefined) }, { fieldManager: 'kube-controller-manager' })
        .then(() => true, () => false);
    }
    const held = current.spec as LeaseSpec | undefined;
    const expires = Date.parse(held?.renewTime ?? '') + (held?.leaseDurationSeconds ?? 0) * 1000;
    if (held?.holderIdentity && held.holderIdentity !== identity && expires > now) return false;
    return leases.update({ ...current, spec: spec(held) }, { fieldManager: 'kube-controller-manager' }).then(() => true, () => false);
  };

  const round = async () => {
    const won = await tryAcquireOrRenew().catch(() => false);
    if (stopped) return;
    if (won) {
      lastRenewed = clock.now();
      lead(true);
    } else if (leading && clock.now() - lastRenewed > renewDeadline) {
      lead(false);
    } else if (leading) {
      // Another server took the Lease over (this one could not renew in time): stop at once.
      const current = await leases.get(name, { namespace }).catch(() => undefined);
      const holder = (current?.spec as LeaseSpec | undefined)?.holderIdentity;
      if (holder && holder !== identity) lead(false);
    }
  };

  const loop = () => {
    cancel = clock.after(retryPeriod, () => {
      void round().then(() => {
        if (!stopped) loop();
      });
    });
  };

  const ready = round().then(async () => {
    if (!leading) options.onChange?.(false, identity);
    if (!stopped) loop();
    await transitions;
  });

  return {
    identity,
    get leading() {
      return leading;
    },
    ready,
    async stop() {
      stopped = true;
      cancel();
      await ready;
      if (!leading) return;
      lead(false);
      await transitions;
      // Give the Lease up (client-go's ReleaseOnCancel), so another server need not wait it out.
      const current = await leases.get(name, { namespace }).catch(() => undefined);
      if ((current?.spec as LeaseSpec | undefined)?.holderIdentity === identity) {
        await leases
          .update({ ...current!, spec: { ...(current!.spec as LeaseSpec), holderIdentity: '', leaseDurationSeconds: 1 } }, { fieldManager: 'kube-controller-manager' })
          .catch(() => undefined);
      }
    },
  };
}
