import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubeServer, createServer } from './server.js';
import { chunks, requester } from './test-client.test-util.js';

let server: KubeServer;
let request: ReturnType<typeof requester>;

beforeAll(async () => {
  server = await createServer();
  request = requester(server.handle);
});

afterAll(async () => {
  await server.close();
});

const WATCH = '/api/v1/namespaces/default/configmaps?watch=true';

describe('server.stats()', () => {
  it('counts a watch from its answer until the client goes away', async () => {
    const client = new AbortController();
    const response = await request(WATCH, { signal: client.signal });
    expect(server.stats().watchers).toBe(1);
    const stream = chunks(response);
    const ended = stream.next();
    client.abort();
    expect(await ended).toEqual({ done: true, value: undefined });
    expect(server.stats().watchers).toBe(0);
  });

  it('stops a watch whose client went away before its stream was first read', async () => {
    const client = new AbortController();
    const response = await request(WATCH, { signal: client.signal });
    client.abort();
    expect(await chunks(response).next()).toEqual({ done: true, value: undefined });
    expect(server.stats().watchers).toBe(0);
  });

  it('releases a watch whose stream is dropped unread', async () => {
    const response = await request(WATCH);
    const body = response.body as AsyncIterable<Uint8Array>;
    await body[Symbol.asyncIterator]().return?.();
    expect(server.stats().watchers).toBe(0);
  });

  it('answers a copy', () => {
    const stats = server.stats();
    stats.watchers = 5;
    expect(server.stats().watchers).toBe(0);
  });
});
