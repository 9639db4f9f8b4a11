import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { ApiRequest, ApiResponse } from '@kubekit/server';
import { listen } from './index.js';

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the Node adapter (its streaming and disconnects: @kubekit/server/node-http)', () => {
  it('hands the request over as it is and writes the answer', async () => {
    let seen: { method: string; url: string; accept: string | undefined } | undefined;
    const handle = async (request: ApiRequest): Promise<ApiResponse> => {
      seen = { method: request.method, url: request.url, accept: request.header('accept') };
      return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };
    };
    const server = await listen({ handle });
    const response = await get(`${server.url}/api/v1/pods?limit=500`, { accept: 'application/json' });
    await server.close();
    expect(seen).toEqual({ method: 'GET', url: '/api/v1/pods?limit=500', accept: 'application/json' });
    expect(response).toMatchObject({ status: 200, body: '{"ok":true}' });
  });

  it('serves under a base path: its URL carries it, and the request says where it is mounted', async () => {
    let seen: { url: string; basePath: string | undefined } | undefined;
    const handle = async (request: ApiRequest): Promise<ApiResponse> => {
      seen = { url: request.url, basePath: request.basePath };
      return { status: 200, headers: {}, body: 'ok' };
    };
    const server = await listen({ handle }, { basePath: '/k8s' });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/k8s`);
    await get(`${server.url}/version`);
    await server.close();
    expect(seen).toEqual({ url: '/k8s/version', basePath: '/k8s' });
  });
});
