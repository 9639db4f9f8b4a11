import { newTooManyRequests } from '@kubekit/apimachinery';
import { afterEach, describe, expect, it } from 'vitest';
import type { Middleware } from './middleware.js';
import type { RequestInfo } from './request-info.js';
import { type KubeServer, createServer } from './server.js';
import { json, requester } from './test-client.test-util.js';

const CM = '/api/v1/namespaces/default/configmaps';
const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } };

let server: KubeServer | undefined;
afterEach(() => server?.close());

describe('middleware', () => {
  it('runs in order around the dispatch, with the parsed request info, and sees its answers', async () => {
    const seen: string[] = [];
    const infos: RequestInfo[] = [];
    const outer: Middleware = async (request, info, next) => {
      seen.push('outer in');
      infos.push(info);
      const response = await next(request);
      seen.push(`outer out ${response.status}`);
      return response;
    };
    const inner: Middleware = async (request, _info, next) => {
      seen.push('inner in');
      return next(request);
    };
    server = await createServer({ middleware: [outer] });
    server.use(inner);
    const request = requester(server.handle);

    expect((await request(CM, { method: 'POST', body: configMap })).status).toBe(201);
    expect((await request(`${CM}/missing`)).status).toBe(404);
    expect(seen).toEqual(['outer in', 'inner in', 'outer out 201', 'outer in', 'inner in', 'outer out 404']);
    expect(infos[1]).toMatchObject({ isResourceRequest: true, verb: 'get', resource: 'configmaps', namespace: 'default', name: 'missing' });
  });

  it('answers a thrown Status error as its Status, with Retry-After from details.retryAfterSeconds, seen so by the outer middleware', async () => {
    const codes: number[] = [];
    server = await createServer({
      middleware: [
        async (request, _info, next) => {
          const response = await next(request);
          codes.push(response.status);
          return response;
        },
        async () => {
          throw newTooManyRequests('slow down', 7);
        },
      ],
    });
    const response = await requester(server.handle)(CM);
    expect(codes).toEqual([429]);
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('7');
    expect(json(response)).toMatchObject({ kind: 'Status', reason: 'TooManyRequests', details: { retryAfterSeconds: 7 } });
  });

  it('parses a request changed on the way again', async () => {
    server = await createServer({ middleware: [async (request, _info, next) => next({ ...request, url: `${CM}/a` })] });
    const request = requester(server.handle);
    expect((await request(CM, { method: 'POST', body: configMap })).status).toBe(201);
    expect(json(await request(CM)).metadata).toMatchObject({ name: 'a', namespace: 'default' });
  });
});
