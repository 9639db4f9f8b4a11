import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { ApiRequest, ApiResponse } from '../api-request.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type NodeRequestOptions, handleNodeRequest } from './index.js';

/** A bare node:http server whose every request goes through handleNodeRequest. */
async function listen(server: { handle: (request: ApiRequest) => Promise<ApiResponse> }, options?: NodeRequestOptions) {
  const http = createServer((req, res) => handleNodeRequest(server, req, res, options));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      http.close(() => resolve());
      http.closeAllConnections();
    }),
  };
}

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

describe('handleNodeRequest', () => {
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

  it('sends a whole body with its length in bytes, not chunked', async () => {
    const handle = async (): Promise<ApiResponse> => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'ünï' });
    const server = await listen({ handle });
    const response = await get(server.url);
    await server.close();
    expect(response.headers['content-length']).toBe('5');
    expect(response.headers['transfer-encoding']).toBeUndefined();
    expect(response.body).toBe('ünï');
  });

  it('sends the headers of a stream at once and its chunks as they come', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const handle = async (): Promise<ApiResponse> => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: (async function* () {
        yield 'first\n';
        await released;
        yield 'second\n';
      })(),
    });
    const server = await listen({ handle });
    const firstChunk = await new Promise<string>((resolve) => {
      httpRequest(server.url, (res) => res.once('data', (chunk: Buffer) => resolve(chunk.toString()))).end();
    });
    expect(firstChunk).toBe('first\n');
    release();
    await server.close();
  });

  it('aborts the request signal and stops the stream when the client goes away', async () => {
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    let aborted: Promise<void> = Promise.resolve();
    const handle = async (request: ApiRequest): Promise<ApiResponse> => {
      aborted = new Promise((resolve) => request.signal.addEventListener('abort', () => resolve()));
      return {
        status: 200,
        headers: {},
        body: (async function* () {
          try {
            yield 'open\n';
            await aborted;
          } finally {
            finish();
          }
        })(),
      };
    };
    const server = await listen({ handle });
    await new Promise<void>((resolve) => {
      const req = httpRequest(server.url, (res) => res.once('data', () => {
        req.destroy();
        resolve();
      }));
      req.end();
    });
    // Both settle only if the disconnect reached the handler and the stream was stopped.
    await aborted;
    await finished;
    await server.close();
  });

  it('hands over a body sent in pieces, whole and in order', async () => {
    const handle = async (request: ApiRequest): Promise<ApiResponse> => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of request.body ?? []) chunks.push(chunk);
      return { status: 201, headers: {}, body: Buffer.concat(chunks) };
    };
    const server = await listen({ handle });
    const response = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(`${server.url}/`, { method: 'POST' }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
      req.write('first,');
      setTimeout(() => {
        req.write('second,');
        req.end('third');
      }, 5);
    });
    await server.close();
    expect(response).toBe('first,second,third');
  });

  it('hands over the target and body a framework gives instead of the message', async () => {
    const handle = async (request: ApiRequest): Promise<ApiResponse> => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of request.body ?? []) chunks.push(chunk);
      return { status: 200, headers: {}, body: `${request.url} ${Buffer.concat(chunks).toString()}` };
    };
    const body = (async function* () {
      yield Buffer.from('kept');
    })();
    const server = await listen({ handle }, { url: '/k8s/version', body });
    const response = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(`${server.url}/version`, { method: 'POST' }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end('ignored');
    });
    await server.close();
    expect(response).toBe('/k8s/version kept');
  });

  it('still answers when the handler stops reading a body early', async () => {
    const handle = async (request: ApiRequest): Promise<ApiResponse> => {
      for await (const _chunk of request.body ?? []) break;
      return { status: 413, headers: {}, body: 'too large' };
    };
    const server = await listen({ handle });
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.url}/`, { method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(Buffer.alloc(4 * 1024 * 1024, 'x'));
    });
    await server.close();
    expect(status).toBe(413);
  });

  it('cuts a stream that fails off instead of ending it cleanly', async () => {
    const handle = async (): Promise<ApiResponse> => ({
      status: 200,
      headers: {},
      body: (async function* () {
        yield 'first\n';
        throw new Error('storage went away');
      })(),
    });
    const server = await listen({ handle });
    const outcome = await new Promise<string>((resolve) => {
      httpRequest(server.url, (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve('ended'));
        res.on('error', () => resolve('cut off'));
        res.on('aborted', () => resolve('cut off'));
      })
        .on('error', () => resolve('cut off'))
        .end();
    });
    await server.close();
    expect(outcome).toBe('cut off');
  });
});
