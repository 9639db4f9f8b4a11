import type { Server } from 'node:http';

export interface InFlight {
  /** Responses started and not yet done. */
  readonly count: number;
  /** Resolves true once no response is in flight, or false after `timeoutMs`. */
  settled(timeoutMs: number): Promise<boolean>;
}

/** Counts a server's open responses, so a shutdown can wait for each to be written to the end. */
export function trackResponses(httpServer: Server): InFlight {
  let count = 0;
  const waiters = new Set<() => void>();
  httpServer.on('request', (_req, res) => {
    count++;
    res.once('close', () => {
      count--;
      if (count === 0) for (const wake of waiters) wake();
    });
  });
  return {
    get count() {
      return count;
    },
    settled(timeoutMs) {
      if (count === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const done = (result: boolean) => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(result);
        };
        const wake = () => done(true);
        const timer = setTimeout(() => done(false), timeoutMs);
        waiters.add(wake);
      });
    },
  };
}
