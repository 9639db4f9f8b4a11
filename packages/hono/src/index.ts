import { type KubeServer, toFetchHandler } from '@kubekit/server';
import { Hono } from 'hono';
import { basePath } from 'hono/route';

/**
 * A Hono app serving a kubekit server over the fetch contract (`toFetchHandler`), to mount with
 * `app.route('/k8s', kubeApp(server))` or serve as it is. The path it is mounted at is the
 * server's base path. Watches are `ReadableStream`s: cancelling one (the client went away, the
 * runtime gave up) or its `timeoutSeconds` stops the watcher behind it.
 */
export function kubeApp(server: Pick<KubeServer, 'handle'>): Hono {
  const fetch = toFetchHandler(server.handle);
  return new Hono().all('*', (c) => fetch(c.req.raw, basePath(c)));
}
