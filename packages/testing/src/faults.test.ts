import { ApiException, CoreV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import type { ApiRequest, RequestInfo } from '@kubekit/server';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { Faults } from './faults.js';
import { startCluster } from './start-cluster.js';

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

async function clusterWithClient() {
  const cluster = await startCluster({ https: false, seed: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' } } });
  onTestFinished(() => cluster.close());
  return { cluster, core: (await cluster.kubeConfig()).makeApiClient(CoreV1Api) };
}

/** The client-node error a call failed with. */
async function failure(call: Promise<unknown>): Promise<ApiException<string>> {
  const error: unknown = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ApiException)) throw new Error(`expected an ApiException, got ${String(error)}`);
  return error as ApiException<string>;
}

const status = (error: ApiException<string>) => JSON.parse(error.body) as { reason: string; message: string; code: number; details?: Record<string, unknown> };

describe('cluster.faults', () => {
  it('answers the next PATCH of a ConfigMap with 409 Conflict, then serves it again', async () => {
    const { cluster, core } = await clusterWithClient();
    const fault = cluster.faults.inject({ match: { verb: 'patch', resource: 'configmaps' }, respond: { status: 409 } });
    const patch = () => core.patchNamespacedConfigMap({ namespace: 'default', name: 'x', body: { data: { a: '1' } } }, mergePatch);

    await core.readNamespacedConfigMap({ namespace: 'default', name: 'x' });
    const error = await failure(patch());
    expect(error.code).toBe(409);
    expect(status(error)).toMatchObject({
      reason: 'Conflict',
      code: 409,
      message: 'Operation cannot be fulfilled on configmaps "x": the object has been modified; please apply your changes to the latest version and try again',
      details: { name: 'x', kind: 'configmaps' },
    });
    expect(fault.remaining).toBe(0);
    expect((await patch()).data).toEqual({ a: '1' });
    expect(cluster.requests.map((request) => `${request.verb} ${request.code}`)).toEqual(['get 200', 'patch 409', 'patch 200']);
  });

  it('answers 429 TooManyRequests with Retry-After and details.retryAfterSeconds', async () => {
    const { cluster, core } = await clusterWithClient();
    cluster.faults.inject({ match: { verb: 'list', namespace: 'default' }, respond: { status: 429, retryAfterSeconds: 3 } });

    const error = await failure(core.listNamespacedConfigMap({ namespace: 'default' }));
    expect(error.code).toBe(429);
    expect(error.headers['retry-after']).toBe('3');
    expect(status(error)).toMatchObject({ reason: 'TooManyRequests', details: { retryAfterSeconds: 3 } });
  });

  it('applies to the given number of matching requests, by name, field manager and user agent', async () => {
    const { cluster, core } = await clusterWithClient();
    const fault = cluster.faults.inject({ match: { name: 'x', fieldManager: 'ci', userAgent: /node-fetch/ }, times: 2, respond: { status: 503 } });
    const patch = (fieldManager: string) => core.patchNamespacedConfigMap({ namespace: 'default', name: 'x', fieldManager, body: { data: {} } }, mergePatch);

    await patch('someone-else');
    expect((await failure(patch('ci'))).code).toBe(503);
    expect(fault.remaining).toBe(1);
    expect(status(await failure(patch('ci')))).toMatchObject({ reason: 'ServiceUnavailable', code: 503 });
    await patch('ci');
    expect(cluster.requests.map((request) => request.code)).toEqual([200, 503, 503, 200]);
  });

  it('fires with a seeded probability: the same seed gives the same sequence', async () => {
    const { cluster, core } = await clusterWithClient();
    const sequence = async () => {
      cluster.requests.clear();
      cluster.faults.inject({ match: { verb: 'get' }, probability: 0.5, seed: 42, respond: { status: 500 } });
      for (let i = 0; i < 12; i++) await core.readNamespacedConfigMap({ namespace: 'default', name: 'x' }).catch(() => undefined);
      await cluster.reset();
      return cluster.requests.map((request) => request.code);
    };

    const first = await sequence();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await sequence()).toEqual(first);
  });

  it('reset() and clear() remove faults; remove() removes one', async () => {
    const { cluster, core } = await clusterWithClient();
    const read = () => core.readNamespacedConfigMap({ namespace: 'default', name: 'x' });
    cluster.faults.inject({ respond: { status: 500 } });
    await cluster.reset();
    await read();
    cluster.faults.inject({ respond: { status: 500 } });
    cluster.faults.clear();
    await read();
    const fault = cluster.faults.inject({ respond: { status: 500, message: 'boom' } });
    fault.remove();
    expect(fault.remaining).toBe(0);
    await read();
  });
});

describe('latency faults', () => {
  it('hold a matching request until their timer fires', async () => {
    vi.useFakeTimers();
    onTestFinished(() => void vi.useRealTimers());
    const faults = new Faults({ currentResourceVersion: async () => 1 });
    faults.inject({ match: { verb: 'get' }, respond: { latencyMs: 250 } });
    const request = { method: 'GET', url: '/api/v1/namespaces/default/configmaps/x', header: () => undefined, signal: new AbortController().signal } satisfies ApiRequest;
    const info: RequestInfo = { isResourceRequest: true, verb: 'get', group: '', version: 'v1', namespace: 'default', resource: 'configmaps', name: 'x', subresource: '' };
    const next = vi.fn(async () => ({ status: 200, headers: {} }));

    const answered = faults.middleware(request, info, next);
    await vi.advanceTimersByTimeAsync(249);
    expect(next).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect((await answered).status).toBe(200);
    expect(next).toHaveBeenCalledOnce();
  });
});
