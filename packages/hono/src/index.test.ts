import type { ApiRequest, ApiResponse } from '@kubekit/server';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { kubeApp } from './index.js';

/** Answers what it was handed: method, target, base path and body. */
const echo = {
  async handle(request: ApiRequest): Promise<ApiResponse> {
    const chunks: Uint8Array[] = [];
    for await (const chunk of request.body ?? []) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString();
    return { status: 200, headers: {}, body: JSON.stringify({ method: request.method, url: request.url, basePath: request.basePath ?? '', body }) };
  },
};

describe('kubeApp', () => {
  it('takes the path it is mounted at as the base path, next to the app’s own routes', async () => {
    const app = new Hono().get('/hello', (c) => c.text('hello')).route('/k8s', kubeApp(echo));
    expect(await (await app.request('/hello')).text()).toBe('hello');
    expect(await (await app.request('/k8s/api/v1/pods?limit=1')).json()).toMatchObject({ url: '/k8s/api/v1/pods?limit=1', basePath: '/k8s' });
    expect(await (await app.request('/k8s')).json()).toMatchObject({ url: '/k8s', basePath: '/k8s' });
    expect((await app.request('/k8sx')).status).toBe(404);
  });

  it('resolves a mount point with parameters to the path requested', async () => {
    const app = new Hono().route('/tenants/:tenant/k8s', kubeApp(echo));
    expect(await (await app.request('/tenants/blue/k8s/version')).json()).toMatchObject({ basePath: '/tenants/blue/k8s' });
  });

  it('serves at the root with no base path, and hands the body over', async () => {
    const response = await kubeApp(echo).request('/api/v1/namespaces', { method: 'POST', body: '{"a":1,"a":2}' });
    // Hono names the root '/', which the server takes as no base path.
    expect(await response.json()).toEqual({ method: 'POST', url: '/api/v1/namespaces', basePath: '/', body: '{"a":1,"a":2}' });
  });
});
