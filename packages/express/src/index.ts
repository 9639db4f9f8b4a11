import type { KubeServer } from '@kubekit/server';
import { handleNodeRequest } from '@kubekit/server/node-http';
import { Router } from 'express';
import { consumedBody } from './raw-body.js';

export { keepRawBody } from './raw-body.js';

/**
 * An Express router serving a kubekit server, mountable at any path (`app.use('/k8s', kubeRouter(server))`):
 * the mount point is the server's base path, so a kubeconfig's `server: https://host:port/k8s`
 * works. Requests go through `@kubekit/server/node-http` as with `@kubekit/node`; a body a parser
 * already read is taken from what it kept (see `keepRawBody`).
 */
export function kubeRouter(server: Pick<KubeServer, 'handle'>): Router {
  const router = Router();
  router.use((req, res) => {
    const body = consumedBody(req);
    handleNodeRequest(server, req, res, { url: req.originalUrl, basePath: req.baseUrl, ...(body && { body }) });
  });
  return router;
}
