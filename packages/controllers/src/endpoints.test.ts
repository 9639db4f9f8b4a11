import { type KubeServer, createServer } from '@kubekit/server';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningControllers, startControllers } from './start-controllers.js';

let server: KubeServer;
let controllers: RunningControllers;

afterEach(async () => {
  await controllers?.stop();
  await server?.close();
});

describe('the Endpoints and EndpointSlice controllers', () => {
  it('list the ready pods a Service selects, with their ports resolved, and follow scaling', async () => {
    server = await createServer();
    controllers = await startControllers(server);
    const { client } = server;
    await client.kind('v1', 'Service').create({
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    });
    await client.kind('apps/v1', 'Deployment').create({
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }] } },
      },
    });
    await controllers.settled();

    const endpoints = await client.kind('v1', 'Endpoints').get('web', { namespace: 'default' });
    expect(endpoints.subsets).toHaveLength(1);
    expect(endpoints.subsets?.[0]?.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(endpoints.subsets?.[0]?.addresses?.map((address) => address.ip)).toHaveLength(2);
    const [slice, ...others] = (await client.kind('discovery.k8s.io/v1', 'EndpointSlice').list({ namespace: 'default', labelSelector: 'kubernetes.io/service-name=web' })).items;
    expect(others).toEqual([]);
    expect(slice?.metadata?.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slice).toMatchObject({ addressType: 'IPv4', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] });
    expect(slice?.endpoints?.map((endpoint) => endpoint.conditions)).toEqual([
      { ready: true, serving: true, terminating: false },
      { ready: true, serving: true, terminating: false },
    ]);

    await client.kind('apps/v1', 'Deployment').modify('web', (deployment) => void (deployment.spec!.replicas = 0), { namespace: 'default' });
    await controllers.settled();
    expect((await client.kind('v1', 'Endpoints').get('web', { namespace: 'default' })).subsets).toBeUndefined();
  });
});
