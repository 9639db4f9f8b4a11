import type { Clock } from './clock.js';

/** A stopped clock that moves when a test says, firing the timers it passes. */
export class ManualClock implements Clock {
  #now: number;
  #timers: { due: number; callback: () => void }[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.#now = start;
  }

  now = (): number => this.#now;

  after(ms: number, callback: () => void): () => void {
    const timer = { due: this.#now + ms, callback };
    this.#timers.push(timer);
    return () => void (this.#timers = this.#timers.filter((other) => other !== timer));
  }

  advance(ms: number): void {
    this.#now += ms;
    const due = this.#timers.filter((timer) => timer.due <= this.#now);
    this.#timers = this.#timers.filter((timer) => timer.due > this.#now);
    for (const timer of due) timer.callback();
  }
}
