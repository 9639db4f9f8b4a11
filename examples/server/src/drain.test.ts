import { type IncomingMessage, request } from 'node:http';
import { type NodeListener, listen } from '@kubekit/node';
import { type KubeServer, createServer } from '@kubekit/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Drainable, drainable } from './drain.js';

let server: KubeServer;
let serving: Drainable;
let listener: NodeListener;

beforeEach(async () => {
  server = await createServer();
  serving = drainable(server);
  listener = await listen(serving);
});

afterEach(async () => {
  await listener.close();
  await server.close();
});

function get(path: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => request(`${listener.url}${path}`, resolve).on('error', reject).end());
}

function readAll(res: IncomingMessage): Promise<{ body: string; complete: boolean }> {
  return new Promise((resolve, reject) => {
    let body = '';
    res.on('data', (chunk: Buffer) => (body += chunk.toString()));
    res.on('end', () => resolve({ body, complete: res.complete }));
    res.on('error', reject);
  });
}

describe('drainable', () => {
  it('fails /readyz once draining, as kube-apiserver does when it shuts down, and serves the rest', async () => {
    expect(await readAll(await get('/readyz'))).toMatchObject({ body: 'ok' });
    serving.drain();
    const readyz = await get('/readyz?verbose');
    expect(readyz.statusCode).toBe(500);
    expect(readyz.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect((await readAll(readyz)).body).toBe('[-]shutdown failed: reason withheld\nreadyz check failed\n');
    const livez = await get('/livez');
    expect(livez.statusCode).toBe(200);
    expect((await get('/api/v1/namespaces/default')).statusCode).toBe(200);
  });

  it('ends open watches with the end of their stream (no reset), and a watch started later at once', async () => {
    const watch = await get('/api/v1/namespaces/default/configmaps?watch=true');
    expect(watch.statusCode).toBe(200);
    const read = readAll(watch);
    await server.client.kind('v1', 'ConfigMap').create({ metadata: { name: 'seen', namespace: 'default' } });
    serving.drain();
    const { body, complete } = await read;
    expect(complete).toBe(true);
    expect(JSON.parse(body)).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'seen' } } });
    expect(await readAll(await get('/api/v1/configmaps?watch=true'))).toEqual({ body: '', complete: true });
  });
});
