import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { describeHttpConformance } from '@kubekit/http-conformance';
import { Hono } from 'hono';
import { kubeApp } from './index.js';

describeHttpConformance('@kubekit/hono on @hono/node-server', async (server, { basePath }) => {
  const app = basePath ? new Hono().get('/hello', (c) => c.text('hello')).route(basePath, kubeApp(server)) : kubeApp(server);
  const http = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => http.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}${basePath}`,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
});
