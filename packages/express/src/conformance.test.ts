import type { AddressInfo } from 'node:net';
import { describeHttpConformance } from '@kubekit/http-conformance';
import express from 'express';
import { kubeRouter } from './index.js';

describeHttpConformance('@kubekit/express', async (server, { basePath }) => {
  const app = express();
  app.get('/hello', (_req, res) => void res.send('hello'));
  app.use(basePath || '/', kubeRouter(server));
  const http = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => http.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}${basePath}`,
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
});
