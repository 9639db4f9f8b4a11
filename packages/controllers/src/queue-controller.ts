import type { Clock } from './clock.js';
import type { InformerHandler, Meta } from './informer.js';
import type { Pod } from '@kubekit/types';
import { availableAt, controllerOf } from './owners.js';
import { WorkQueue } from './work-queue.js';

/**
 * A controller's loop: keys go into a work queue, each handled by `sync` one at a time, retried
 * after a failure. Subclasses add their informers' handlers, which queue keys.
 */
export abstract class QueueController {
  protected readonly queue: WorkQueue;

  constructor(clock: Clock, onError: (key: string, error: unknown) => void) {
    this.queue = new WorkQueue((key) => this.sync(key), clock, onError);
  }

  /** Brings one key's object to its desired state. */
  protected abstract sync(key: string): Promise<void>;

  /** Resolves once nothing is queued or being handled. */
  drained(): Promise<void> {
    return this.queue.drained();
  }

  idle(): boolean {
    return this.queue.idle;
  }

  stop(): void {
    this.queue.stop();
  }

  /** A handler that queues the `namespace/name` of an object's controlling owner of `kind`. */
  protected queueOwner<T extends Meta>(kind: string): InformerHandler<T> {
    return (_event, object) => {
      const owner = controllerOf(object);
      if (owner?.kind === kind) this.queue.add(`${object.metadata?.namespace}/${owner.name}`);
    };
  }

  /**
   * How many of `pods` are available at `now` (Ready for minReadySeconds); `key` is synced again
   * when the next one becomes available.
   */
  protected countAvailable(key: string, pods: readonly Pod[], minReadySeconds: number, now: number): number {
    let available = 0;
    let next: number | undefined;
    for (const pod of pods) {
      const at = availableAt(pod, minReadySeconds);
      if (at === undefined) continue;
      if (at <= now) available++;
      else next = Math.min(next ?? at, at);
    }
    if (next !== undefined) this.queue.addAfter(key, next - now);
    return available;
  }
}
