import { isStatusError } from '@kubekit/apimachinery';
import type { Clock } from './clock.js';

/** The first retry of a failed key, doubled per failure in a row (client-go's default rate limiter starts at 5 ms). */
const BASE_RETRY_MS = 5;
const MAX_RETRY_MS = 10_000;
const IMMEDIATE_RETRIES = 3;

/**
 * Keys to reconcile (client-go's workqueue in small): each queued at most once, handled one at a
 * time; a key added while it is handled is handled again after. A failed key comes back: at once
 * after a 409 Conflict or AlreadyExists (the cache was behind), otherwise after a backoff.
 */
export class WorkQueue {
  readonly #queued = new Set<string>();
  readonly #failures = new Map<string, number>();
  readonly #later = new Map<string, () => void>();
  #draining: Promise<void> | undefined;
  #stopped = false;

  constructor(
    private readonly handle: (key: string) => Promise<void>,
    private readonly clock: Clock,
    private readonly onError: (key: string, error: unknown) => void,
  ) {}

  add(key: string): void {
    if (this.#stopped) return;
    this.#later.get(key)?.();
    this.#later.delete(key);
    this.#queued.add(key);
    this.#kick();
  }

  /** Starts draining unless it runs; a key added as the last drain was ending starts another. */
  #kick(): void {
    if (this.#draining || this.#stopped) return;
    this.#draining = this.#drain().finally(() => {
      this.#draining = undefined;
      if (this.#queued.size > 0) this.#kick();
    });
  }

  /** Adds the key once `ms` have passed on the clock (a retry, a grace period, minReadySeconds). */
  addAfter(key: string, ms: number): void {
    if (this.#stopped || this.#later.has(key)) return;
    if (ms <= 0) return this.add(key);
    this.#later.set(
      key,
      this.clock.after(ms, () => {
        this.#later.delete(key);
        this.add(key);
      }),
    );
  }

  /** Resolves once nothing is queued or being handled (keys waiting for later may remain). */
  async drained(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  /** Whether nothing is queued or being handled. */
  get idle(): boolean {
    return this.#draining === undefined;
  }

  stop(): void {
    this.#stopped = true;
    this.#queued.clear();
    for (const cancel of this.#later.values()) cancel();
    this.#later.clear();
  }

  async #drain(): Promise<void> {
    for (const key of this.#queued) {
      this.#queued.delete(key);
      if (this.#stopped) return;
      try {
        await this.handle(key);
        this.#failures.delete(key);
      } catch (error) {
        if (this.#stopped) return;
        const failures = (this.#failures.get(key) ?? 0) + 1;
        this.#failures.set(key, failures);
        // A stale read is retried at once, a few times, before it backs off like any failure.
        if ((isStatusError(error, 'Conflict') || isStatusError(error, 'AlreadyExists')) && failures <= IMMEDIATE_RETRIES) {
          this.add(key);
        } else {
          this.onError(key, error);
          this.addAfter(key, Math.min(BASE_RETRY_MS * 2 ** (failures - 1), MAX_RETRY_MS));
        }
      }
    }
  }
}
