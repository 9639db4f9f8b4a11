import { request } from 'node:http';
import { Writable } from 'node:stream';
import { listen } from '@kubekit/node';
import { createServer } from '@kubekit/server';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { formatDuration, logRequests, requestLogFields } from './request-log.js';

const socket = { remoteAddress: '127.0.0.1', remotePort: 50123 } as never;

describe('requestLogFields', () => {
  it('has the request info of a resource request, as kube-apiserver logs it', () => {
    const req = { method: 'GET', url: '/api/v1/namespaces/shop/configmaps/settings?timeout=32s', headers: { 'user-agent': 'kubectl/v1.35.2' }, socket };
    expect(requestLogFields(req, 200, 1_234_567n)).toEqual({
      verb: 'get',
      URI: '/api/v1/namespaces/shop/configmaps/settings?timeout=32s',
      resource: 'configmaps',
      namespace: 'shop',
      name: 'settings',
      code: 200,
      latency: '1.234567ms',
      userAgent: 'kubectl/v1.35.2',
      srcIP: '127.0.0.1:50123',
    });
  });

  it('tells watches, subresources and collection verbs apart, and names the method of other paths', () => {
    const at = (method: string, url: string) => requestLogFields({ method, url, headers: {}, socket }, 200, 1n);
    expect(at('GET', '/apis/apps/v1/deployments?watch=true')).toMatchObject({ verb: 'watch', resource: 'deployments' });
    expect(at('PATCH', '/apis/apps/v1/namespaces/a/deployments/web/scale')).toMatchObject({ verb: 'patch', subresource: 'scale', name: 'web' });
    expect(at('DELETE', '/api/v1/namespaces/a/pods')).toMatchObject({ verb: 'deletecollection', namespace: 'a' });
    const readyz = at('GET', '/readyz');
    expect(readyz).toMatchObject({ verb: 'get', URI: '/readyz', userAgent: '' });
    expect(readyz).not.toHaveProperty('resource');
  });
});

describe('formatDuration', () => {
  it('prints as Go prints a time.Duration', () => {
    expect([999n, 850_000n, 1_500_000n, 3_500_000_000n].map(formatDuration)).toEqual(['999ns', '850µs', '1.5ms', '3.5s']);
  });
});

describe('logRequests', () => {
  async function linesAt(level: string): Promise<Record<string, unknown>[]> {
    let text = '';
    const out = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        text += chunk.toString();
        callback();
      },
    });
    const server = await createServer();
    const listener = await listen(server);
    logRequests(listener.server, pino({ level }, out));
    for (const path of ['/api/v1/namespaces/default', '/api/v1/namespaces/nowhere/configmaps/x']) {
      await new Promise((resolve, reject) => {
        request(`${listener.url}${path}`, { headers: { 'user-agent': 'test/1.0' } }, (res) => res.resume().on('close', resolve))
          .on('error', reject)
          .end();
      });
    }
    await listener.close();
    await server.close();
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it('writes one JSON line per request at debug level, with its code', async () => {
    const lines = await linesAt('debug');
    expect(lines).toEqual([
      expect.objectContaining({ level: 20, msg: 'HTTP', verb: 'get', resource: 'namespaces', name: 'default', code: 200, userAgent: 'test/1.0' }),
      expect.objectContaining({ verb: 'get', resource: 'configmaps', namespace: 'nowhere', name: 'x', code: 404 }),
    ]);
    expect(lines[0]!['latency']).toMatch(/^[\d.]+(ns|µs|ms|s)$/);
  });

  it('writes nothing at info level', async () => {
    expect(await linesAt('info')).toEqual([]);
  });
});
