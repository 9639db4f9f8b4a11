/**
 * The time a fake cluster reads (creationTimestamp, deletionTimestamp and grace periods, token
 * expiry, the Table AGE column): the real clock moved by `advance()`/`set()`, or a stopped one
 * that moves only when told to.
 */
export class ClusterClock {
  #stoppedAt: number | undefined;
  #offset = 0;

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

  /** Moves the clock forward (or back, with a negative `ms`). */
  advance(ms: number): void {
    if (this.#stoppedAt === undefined) this.#offset += ms;
    else this.#stoppedAt += ms;
  }

  /** Sets the clock to `time`; a running clock goes on from there. */
  set(time: number | Date): void {
    if (this.#stoppedAt === undefined) this.#offset = Number(time) - this.base();
    else this.#stoppedAt = Number(time);
  }
}
