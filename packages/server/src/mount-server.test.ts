import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRequest } from './api-request.js';
import { type KubeServer, createServer } from './server.js';
import { json } from './test-client.test-util.js';

// A server mounted under a path (an Express router at `/k8s`, a Hono sub-app): clients put the
// path in front of every request, and whatever the server prints must carry it too.

let server: KubeServer;

beforeAll(async () => {
  server = await createServer();
});

afterAll(async () => {
  await server.close();
});

const get = (url: string, basePath = '/k8s') => {
  const request: ApiRequest = { method: 'GET', url, basePath, header: () => undefined, signal: new AbortController().signal };
  return server.handle(request);
};

describe('a server mounted under a base path', () => {
  it('serves resources, discovery and version below it', async () => {
    expect(json<{ kind: string }>(await get('/k8s/api/v1/namespaces/default')).kind).toBe('Namespace');
    expect(json<{ kind: string }>(await get('/k8s/api')).kind).toBe('APIVersions');
    expect((await get('/k8s/version')).status).toBe(200);
    expect((await get('/k8s/api/v1/namespaces?limit=1')).status).toBe(200);
  });

  it('answers a path outside it with the 404 Status', async () => {
    for (const url of ['/api/v1/namespaces', '/k8sx/api', '/']) {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(json(response)).toMatchObject({ kind: 'Status', reason: 'NotFound' });
    }
  });

  it('prints the OpenAPI v3 index with URLs under it, which lead to the documents', async () => {
    type Index = { paths: Record<string, { serverRelativeURL: string }> };
    const mounted = json<Index>(await get('/k8s/openapi/v3'));
    const url = mounted.paths['api/v1']!.serverRelativeURL;
    expect(url).toMatch(/^\/k8s\/openapi\/v3\/api\/v1\?hash=[0-9A-F]+$/);
    expect(json<{ openapi: string }>(await get(url)).openapi).toBe('3.0.0');
    const root = json<Index>(await get('/openapi/v3', ''));
    expect(root.paths['api/v1']!.serverRelativeURL).toBe(url.slice('/k8s'.length));
  });
});
