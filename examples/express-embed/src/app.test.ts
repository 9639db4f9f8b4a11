import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExpressEmbed } from './index.js';

let running: Awaited<ReturnType<typeof startExpressEmbed>>;
let origin: string;

beforeAll(async () => {
  running = await startExpressEmbed({ insecureHttp: true });
  origin = new URL(running.url).origin;
});

afterAll(async () => {
  await running.close();
});

describe('the Express app with the Kubernetes API under /k8s', () => {
  it('keeps its own routes, and its JSON parser, next to the API', async () => {
    const created = await fetch(`${origin}/todos`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"ship"}' });
    expect(await created.json()).toEqual({ id: 1, title: 'ship' });
    expect(await (await fetch(`${origin}/todos`)).json()).toEqual([{ id: 1, title: 'ship' }]);
    expect(await (await fetch(`${origin}/healthz`)).json()).toEqual({ status: 'up' });
  });

  it('serves the API under /k8s, bodies included though express.json() read them first', async () => {
    expect(running.url).toBe(`${origin}/k8s`);
    const body = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"},"data":{"mode":"fast"}}';
    const created = await fetch(`${running.url}/api/v1/namespaces/default/configmaps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(created.status).toBe(201);
    const read = (await (await fetch(`${running.url}/api/v1/namespaces/default/configmaps/settings`)).json()) as { data: object };
    expect(read.data).toEqual({ mode: 'fast' });
    expect(running.kubeconfig).toContain(`server: ${running.url}`);
  });
});
