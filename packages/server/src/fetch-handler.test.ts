import { describe, expect, it } from 'vitest';
import type { ApiRequest, ApiResponse } from './api-request.js';
import { toFetchHandler } from './fetch-handler.js';

describe('toFetchHandler', () => {
  it('hands over method, target, headers and body, and answers with a Response', async () => {
    let seen: { method: string; url: string; basePath: string | undefined; type: string | undefined; body: string } | undefined;
    const handle = async (request: ApiRequest): Promise<ApiResponse> => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of request.body ?? []) chunks.push(chunk);
      seen = { method: request.method, url: request.url, basePath: request.basePath, type: request.header('content-type'), body: Buffer.concat(chunks).toString() };
      return { status: 201, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };
    };
    const fetch = toFetchHandler(handle, { basePath: '/k8s' });
    const response = await fetch(new Request('http://kube.local/k8s/api/v1/pods?limit=1', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
    expect(seen).toEqual({ method: 'POST', url: '/k8s/api/v1/pods?limit=1', basePath: '/k8s', type: 'application/json', body: '{}' });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('takes a base path given per call over the option', async () => {
    let basePath: string | undefined;
    const fetch = toFetchHandler(async (request) => {
      basePath = request.basePath;
      return { status: 200, headers: {} };
    }, { basePath: '/k8s' });
    await fetch(new Request('http://kube.local/tenant/k8s/version'), '/tenant/k8s');
    expect(basePath).toBe('/tenant/k8s');
  });

  it('streams chunks as they come, and a cancel stops a stream that waits for its next chunk', async () => {
    let stopped: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => (stopped = resolve));
    const fetch = toFetchHandler(async (request) => ({
      status: 200,
      headers: {},
      body: (async function* () {
        try {
          yield 'first\n';
          // An idle watch: nothing comes until the request is aborted.
          await new Promise((resolve) => request.signal.addEventListener('abort', resolve));
        } finally {
          stopped();
        }
      })(),
    }));
    const response = await fetch(new Request('http://kube.local/api/v1/pods?watch=true'));
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first\n');
    await reader.cancel();
    await ended;
  });

  it('aborts the request it hands over when the client goes away', async () => {
    const client = new AbortController();
    let signal: AbortSignal | undefined;
    const fetch = toFetchHandler(async (request) => {
      signal = request.signal;
      return { status: 200, headers: {} };
    });
    await fetch(new Request('http://kube.local/version', { signal: client.signal }));
    expect(signal?.aborted).toBe(false);
    client.abort();
    expect(signal?.aborted).toBe(true);
  });
});
