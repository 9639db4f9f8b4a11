import type { FakeCluster } from '@kubekit/testing';

/**
 * Retries `check` until it passes, for at most `timeoutMs`; the last failure is thrown with the
 * requests the cluster answered, to see what the controller did.
 */
export async function eventually<T>(cluster: FakeCluster, check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) {
        if (error instanceof Error) error.message += `\n\nRequests the cluster answered:\n${cluster.requests.dump()}`;
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
