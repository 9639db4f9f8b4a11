import type { AddressInfo } from 'node:net';
import type { ApiRequest, ApiResponse } from '@kubekit/server';
import express, { type Express } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { keepRawBody, kubeRouter } from './index.js';
import { BODY_ALREADY_READ } from './raw-body.js';

/** Answers what it was handed: method, target, base path and the body's bytes (base64). */
const echo = {
  async handle(request: ApiRequest): Promise<ApiResponse> {
    try {
      const chunks: Uint8Array[] = [];
      for await (const chunk of request.body ?? []) chunks.push(chunk);
      const body = Buffer.concat(chunks).toString('base64');
      return { status: 200, headers: {}, body: JSON.stringify({ method: request.method, url: request.url, basePath: request.basePath ?? '', body }) };
    } catch (error) {
      return { status: 500, headers: {}, body: JSON.stringify({ error: (error as Error).message }) };
    }
  },
};

let close: () => Promise<void> = async () => undefined;

afterEach(() => close());

async function serve(app: Express): Promise<string> {
  const http = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => http.once('listening', resolve));
  close = () => new Promise<void>((resolve) => http.close(() => resolve()));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

// Bytes a JSON parser would not give back: a duplicate key, a number past 2^53, and spacing.
const PATCH = Buffer.from('{"data": {"a":"1","a":"2"}, "n": 12345678901234567890}');

async function send(url: string, init: RequestInit = {}): Promise<Record<string, string | number>> {
  const response = await fetch(url, init);
  return { status: response.status, ...((await response.json()) as Record<string, string>) };
}

const patch = (type: string) => ({ method: 'PATCH', headers: { 'content-type': type }, body: PATCH });

describe('kubeRouter', () => {
  it('takes its mount point as the base path and hands over the target as sent', async () => {
    const app = express();
    app.get('/hello', (_req, res) => void res.send('hello'));
    app.use('/k8s', kubeRouter(echo));
    const url = await serve(app);
    expect(await (await fetch(`${url}/hello`)).text()).toBe('hello');
    expect(await send(`${url}/k8s/api/v1/pods?limit=1`)).toMatchObject({ method: 'GET', url: '/k8s/api/v1/pods?limit=1', basePath: '/k8s' });
    expect(await send(`${url}/k8s`)).toMatchObject({ url: '/k8s', basePath: '/k8s' });
  });

  it('serves at the root with no base path', async () => {
    const app = express();
    app.use(kubeRouter(echo));
    const url = await serve(app);
    expect(await send(`${url}/version`)).toMatchObject({ url: '/version', basePath: '' });
  });

  it('reads the body itself, byte for byte', async () => {
    const app = express();
    app.use('/k8s', kubeRouter(echo));
    const url = await serve(app);
    expect((await send(`${url}/k8s/x`, patch('application/merge-patch+json'))).body).toBe(PATCH.toString('base64'));
  });

  it('takes the bytes express.json() kept with keepRawBody', async () => {
    const app = express();
    app.use(express.json({ type: '*/*', verify: keepRawBody }));
    app.use('/k8s', kubeRouter(echo));
    const url = await serve(app);
    expect((await send(`${url}/k8s/x`, patch('application/json'))).body).toBe(PATCH.toString('base64'));
  });

  it('takes the bytes express.raw() or express.text() left', async () => {
    for (const parser of [express.raw({ type: '*/*' }), express.text({ type: '*/*' })]) {
      const app = express();
      app.use(parser);
      app.use('/k8s', kubeRouter(echo));
      const url = await serve(app);
      expect((await send(`${url}/k8s/x`, patch('application/merge-patch+json'))).body).toBe(PATCH.toString('base64'));
      await close();
    }
  });

  it('takes the JSON of what express.json() parsed when it kept no bytes; a parsed form fails saying what to change; bodiless requests still pass', async () => {
    const app = express();
    app.use(express.json(), express.urlencoded());
    app.use('/k8s', kubeRouter(echo));
    const url = await serve(app);
    const parsed = Buffer.from((await send(`${url}/k8s/x`, patch('application/json'))).body as string, 'base64');
    // The same object, as JSON.parse read it: the repeated key and the long number are gone.
    expect(JSON.parse(parsed.toString())).toEqual(JSON.parse(PATCH.toString()));
    const form = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' };
    expect(await send(`${url}/k8s/x`, form)).toEqual({ status: 500, error: BODY_ALREADY_READ });
    // express.json() parses application/json only: a merge patch is still unread.
    expect((await send(`${url}/k8s/x`, patch('application/merge-patch+json'))).body).toBe(PATCH.toString('base64'));
    expect(await send(`${url}/k8s/version`)).toMatchObject({ status: 200, body: '' });
  });
});
