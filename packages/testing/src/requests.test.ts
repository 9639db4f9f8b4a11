import { CoreV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { describe, expect, it, onTestFinished } from 'vitest';
import { RecordedRequests, describeRequest, requestRecorder } from './requests.js';
import { startCluster } from './start-cluster.js';

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

describe('cluster.requests', () => {
  it('records each client-node request with its verb, target, body, user agent, field manager and code', async () => {
    const cluster = await startCluster({ https: false });
    onTestFinished(() => cluster.close());
    const core = (await cluster.kubeConfig()).makeApiClient(CoreV1Api);

    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'x' }, data: { a: '1' } } });
    await core.patchNamespacedConfigMap({ namespace: 'default', name: 'x', body: { data: { a: '2' } }, fieldManager: 'tester' }, mergePatch);
    await expect(core.readNamespacedConfigMap({ namespace: 'default', name: 'missing' })).rejects.toThrow();

    const patches = cluster.requests.filter((request) => request.verb === 'patch');
    expect(patches).toHaveLength(1);
    expect(patches[0]).toMatchObject({
      method: 'PATCH',
      path: '/api/v1/namespaces/default/configmaps/x',
      query: { fieldManager: 'tester' },
      fieldManager: 'tester',
      contentType: 'application/merge-patch+json',
      body: '{"data":{"a":"2"}}',
      code: 200,
      resource: 'configmaps',
      namespace: 'default',
      name: 'x',
    });
    expect(patches[0]?.userAgent).toBeTruthy();
    const [created, patched] = cluster.requests;
    expect(created!.startedAt).toBeGreaterThan(Date.UTC(2020, 0));
    expect(patched!.startedAt).toBeGreaterThanOrEqual(created!.startedAt + created!.durationMs);
    expect(cluster.requests.map((request) => `${request.verb} ${request.name} ${request.code}`)).toEqual(['create  201', 'patch x 200', 'get missing 404']);
    // The server still read the body the recorder saw.
    expect((await cluster.client.resource('v1', 'configmaps').get('x', { namespace: 'default' })).data).toEqual({ a: '2' });
  });

  it('dumps one line per request, and forgets them on clear() or reset({ requests: true }) only', async () => {
    const cluster = await startCluster({ https: false });
    onTestFinished(() => cluster.close());
    const core = (await cluster.kubeConfig()).makeApiClient(CoreV1Api);
    await core.listNamespacedConfigMap({ namespace: 'default', limit: 5 });

    expect(cluster.requests.dump()).toMatch(/^GET \/api\/v1\/namespaces\/default\/configmaps\?limit=5 200 \d+\.\dms node-fetch\/.+$/);
    await cluster.reset();
    expect(cluster.requests).toHaveLength(1);
    await cluster.reset({ requests: true });
    expect(cluster.requests).toHaveLength(0);
    await core.listNamespace();
    cluster.requests.clear();
    expect(cluster.requests.dump()).toBe('');
  });

  it('cuts a long body, and records the body of a request answered without reading it', async () => {
    const requests = new RecordedRequests();
    const recorder = requestRecorder(requests, 4);
    const body = (async function* () {
      yield Buffer.from('abc');
      yield Buffer.from('defg');
    })();
    const request = { method: 'POST', url: '/api/v1/namespaces', header: () => undefined, body, signal: new AbortController().signal };
    const info = { isResourceRequest: false as const, path: '/api/v1/namespaces' };
    await recorder(request, info, async () => ({ status: 503, headers: {} }));

    expect(requests[0]).toMatchObject({ verb: 'post', body: 'abcd… (7 bytes)', code: 503 });
    expect(describeRequest({ ...requests[0]!, durationMs: 1.25 })).toBe('POST /api/v1/namespaces 503 1.3ms -');
    expect(requests.filter(() => true)).not.toBeInstanceOf(RecordedRequests);
  });
});
