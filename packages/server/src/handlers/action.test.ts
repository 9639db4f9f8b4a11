import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubeServer, createServer } from '../server.js';
import { requester } from '../test-client.test-util.js';

let server: KubeServer;
let request: ReturnType<typeof requester>;

beforeAll(async () => {
  server = await createServer({ now: () => Date.UTC(2026, 0, 1) });
  request = requester(server.handle);
});

afterAll(async () => {
  await server.close();
});

const POD = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };
const binding = (node: string) => ({ apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web' }, target: { apiVersion: 'v1', kind: 'Node', name: node } });

const json = (body: unknown) => JSON.parse(Buffer.from(body as Uint8Array).toString()) as Record<string, unknown>;

describe('pods/binding', () => {
  it('assigns the pod to the node and marks it PodScheduled; a second binding is a 409 Conflict', async () => {
    await request('/api/v1/namespaces/default/pods', { method: 'POST', body: POD });
    const bound = await request('/api/v1/namespaces/default/pods/web/binding', { method: 'POST', body: binding('node-1') });
    expect(bound.status).toBe(201);
    expect(json(bound.body)).toMatchObject({ kind: 'Status', status: 'Success', code: 201 });

    const pod = await server.client.kind('v1', 'Pod').get('web', { namespace: 'default' });
    expect(pod.spec?.nodeName).toBe('node-1');
    expect(pod.metadata?.generation).toBe(1);
    expect(pod.status?.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z' }]);

    const again = await request('/api/v1/namespaces/default/pods/web/binding', { method: 'POST', body: binding('node-2') });
    expect(again.status).toBe(409);
    expect(json(again.body)).toMatchObject({
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "node-1"',
    });
  });

  it('is served to the in-process client too, and refuses a binding without a target', async () => {
    const pods = server.client.kind('v1', 'Pod');
    await pods.create({ ...POD, metadata: { name: 'api' } }, { namespace: 'default' });
    await expect(pods.act('binding', 'api', { target: {} }, { namespace: 'default' })).rejects.toMatchObject({ status: { code: 422, reason: 'Invalid' } });
    expect(await pods.act('binding', 'api', { target: { kind: 'Node', name: 'node-2' } }, { namespace: 'default' })).toMatchObject({ status: 'Success' });
    expect((await pods.get('api', { namespace: 'default' })).spec?.nodeName).toBe('node-2');
    await expect(pods.act('bogus', 'api', {}, { namespace: 'default' })).rejects.toMatchObject({ status: { code: 404 } });
  });

  it('is listed in discovery', async () => {
    const response = await request('/api/v1');
    const resources = json(response.body)['resources'] as Array<{ name: string; kind: string; verbs: string[] }>;
    expect(resources.find((resource) => resource.name === 'pods/binding')).toMatchObject({ kind: 'Binding', verbs: ['create'] });
  });
});
