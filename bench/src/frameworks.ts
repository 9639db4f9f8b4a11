/**
 * The Express and Hono servers of the adapter rows: kubekit through `@kubekit/express` or
 * `@kubekit/hono`, and the same framework answering the captured bytes itself (the baseline of
 * each row is its bare framework, so the ratio is what the adapter costs on top of it).
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { kubeRouter } from '@kubekit/express';
import { kubeApp } from '@kubekit/hono';
import type { KubeServer } from '@kubekit/server';
import express from 'express';
import { Hono } from 'hono';

export type Framework = 'express' | 'hono';

/** An answer captured from kubekit, with the headers a bare server sends with it. */
export interface CapturedAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** kubekit mounted at the root of an Express app or a Hono app on @hono/node-server. */
export function kubekitOn(framework: Framework, server: KubeServer): Server {
  if (framework === 'express') return createHttpServer(express().use(kubeRouter(server)));
  return createHttpServer(getRequestListener(kubeApp(server).fetch));
}

/** The framework itself answering each `accept path` with kubekit's captured answer. */
export function bareOn(framework: Framework, answers: ReadonlyMap<string, CapturedAnswer>): Server {
  const find = (accept: string | undefined, url: string) => answers.get(`${accept} ${url}`);
  if (framework === 'express') {
    const app = express().use((req, res) => {
      const answer = find(req.headers.accept, req.originalUrl);
      if (!answer) res.writeHead(404).end();
      else res.writeHead(answer.status, answer.headers).end(answer.body);
    });
    return createHttpServer(app);
  }
  const app = new Hono().all('*', (c) => {
    const url = new URL(c.req.url);
    const answer = find(c.req.header('accept'), url.pathname + url.search);
    return answer ? c.body(new Uint8Array(answer.body), answer.status as 200, answer.headers) : c.body(null, 404);
  });
  return createHttpServer(getRequestListener(app.fetch));
}
