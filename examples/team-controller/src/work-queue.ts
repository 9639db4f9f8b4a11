/**
 * Keys waiting to be reconciled, handled one at a time, each queued at most once (client-go's
 * workqueue in small): a key added while it is being handled is handled again afterwards, and a
 * failed key comes back after the delay `retryDelayMs` gives for its error and its count of
 * failures in a row.
 */
export class WorkQueue {
  readonly #queued = new Set<string>();
  readonly #retries = new Map<string, NodeJS.Timeout>();
  readonly #failures = new Map<string, number>();
  #draining: Promise<void> | undefined;
  #stopped = false;

  constructor(
    private readonly handle: (key: string) => Promise<void>,
    private readonly retryDelayMs: (error: unknown, failures: number) => number,
    private readonly onError: (key: string, error: unknown, retryInMs: number) => void,
  ) {}

  add(key: string): void {
    if (this.#stopped) return;
    clearTimeout(this.#retries.get(key));
    this.#retries.delete(key);
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

  /** Resolves once nothing is queued or running (retries may still be waiting). */
  async drained(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  /** Whether no key is queued, running or waiting for a retry. */
  get idle(): boolean {
    return !this.#draining && this.#retries.size === 0;
  }

  stop(): void {
    this.#stopped = true;
    this.#queued.clear();
    for (const timer of this.#retries.values()) clearTimeout(timer);
    this.#retries.clear();
  }

  async #drain(): Promise<void> {
    for (const key of this.#queued) {
      this.#queued.delete(key);
      try {
        await this.handle(key);
        this.#failures.delete(key);
      } catch (error) {
        const failures = (this.#failures.get(key) ?? 0) + 1;
        this.#failures.set(key, failures);
        const delay = this.retryDelayMs(error, failures);
        this.onError(key, error, delay);
        if (!this.#stopped) this.#retries.set(key, setTimeout(() => this.add(key), delay));
      }
    }
  }
}
