/**
 * The time the controllers read and wait on. The real clock by default; a test's clock
 * (`@kubekit/testing`'s `cluster.clock`) makes grace periods, start delays and CronJob schedules
 * move when the test says.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `callback` once `ms` have passed on this clock; the returned function cancels it. */
  after(ms: number, callback: () => void): () => void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  after(ms, callback) {
    const timer = setTimeout(callback, ms);
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};
