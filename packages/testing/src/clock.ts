/** A callback waiting for the clock to reach `due`. */
interface Timer {
  due: number;
  callback: () => void;
  /** The real timer standing in for it while the clock runs. */
  real: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The time a fake cluster reads (creationTimestamp, deletionTimestamp and grace periods, token
 * expiry, the Table AGE column) and its controllers wait on: the real clock moved by
 * `advance()`/`set()`, or a stopped one that moves only when told to. Timers (`after`) fire when
 * the clock reaches them: by the real time passing while it runs, or at once when it is moved past
 * them.
 */
export class ClusterClock {
  #stoppedAt: number | undefined;
  #offset = 0;
  readonly #timers = new Set<Timer>();

  /** `start`: stop the clock at this time; absent, it follows `base` (Date.now). */
  constructor(
    private readonly base: () => number = Date.now,
    start?: number | Date,
  ) {
    this.#stoppedAt = start === undefined ? undefined : Number(start);
  }

  /** Milliseconds since the epoch, as the server reads them. */
  now(): number {
    return this.#stoppedAt ?? this.base() + this.#offset;
  }

  /** Moves the clock forward (or back, with a negative `ms`); timers it passes fire. */
  advance(ms: number): void {
    if (this.#stoppedAt === undefined) this.#offset += ms;
    else this.#stoppedAt += ms;
    this.#fireDue();
  }

  /** Sets the clock to `time`; a running clock goes on from there. Timers it passes fire. */
  set(time: number | Date): void {
    if (this.#stoppedAt === undefined) this.#offset = Number(time) - this.base();
    else this.#stoppedAt = Number(time);
    this.#fireDue();
  }

  /** Calls `callback` once the clock has moved `ms` on; the returned function cancels it. */
  after(ms: number, callback: () => void): () => void {
    const timer: Timer = { due: this.now() + ms, callback, real: undefined };
    this.#timers.add(timer);
    this.#arm(timer);
    return () => this.#cancel(timer);
  }

  /** While the clock runs, a real timer fires the callback when the time comes. */
  #arm(timer: Timer): void {
    clearTimeout(timer.real);
    timer.real = undefined;
    if (this.#stoppedAt !== undefined) return;
    timer.real = setTimeout(() => this.#fire(timer), Math.max(0, timer.due - this.now()));
    timer.real.unref?.();
  }

  #fireDue(): void {
    const now = this.now();
    for (const timer of [...this.#timers].sort((a, b) => a.due - b.due)) {
      if (timer.due <= now) this.#fire(timer);
      else this.#arm(timer);
    }
  }

  #fire(timer: Timer): void {
    if (!this.#timers.has(timer)) return;
    this.#cancel(timer);
    timer.callback();
  }

  #cancel(timer: Timer): void {
    clearTimeout(timer.real);
    this.#timers.delete(timer);
  }
}
