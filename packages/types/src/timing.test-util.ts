/**
 * Timing helpers for the tests that print figures. They print, never assert: timings on shared
 * machines are too noisy to gate on.
 */

/** The result of `fn` and how many milliseconds it took. */
export function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
}

/** How many calls of `fn` run per second, over `iterations` calls. */
export function perSecond(fn: () => unknown, iterations: number): number {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return Math.round(iterations / ((performance.now() - start) / 1000));
}

export const ms = (n: number) => `${n.toFixed(2)} ms`;
