import { MemoryStorage } from '@kubekit/store';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { KubeObject } from './kube-object.js';
import { Registry } from './registry.js';

type Service = KubeObject & { spec: { ports: { port: number; protocol?: string; nodePort?: number }[]; healthCheckNodePort?: number } };

async function services(storage?: MemoryStorage) {
  const registry = new Registry(storage ? { storage } : {});
  await registry.bootstrap();
  onTestFinished(() => registry.close());
  return registry.resource('', 'v1', 'services')!;
}

const nodePortService = (name: string, ports: Record<string, unknown>[] = [{ port: 80 }], spec: Record<string, unknown> = {}) => ({
  metadata: { name },
  spec: { type: 'NodePort', ports, ...spec },
});
const statusOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: { status: unknown }) => error.status);

describe('Service node ports, one range kept in storage (portallocator)', () => {
  it('draws a free port in 30000-32767, refuses one another Service holds, and frees it when the Service goes', async () => {
    const store = await services();
    const drawn = ((await store.create('default', nodePortService('web'))).object as Service).spec.ports[0]!.nodePort!;
    expect(drawn).toBeGreaterThanOrEqual(30000);
    expect(drawn).toBeLessThanOrEqual(32767);
    await store.create('default', nodePortService('fixed', [{ port: 80, nodePort: 30080 }]));
    expect(await statusOf(store.create('default', nodePortService('copy', [{ port: 81 }, { port: 80, nodePort: 30080 }])))).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: 'Service "copy" is invalid: spec.ports[1].nodePort: Invalid value: 30080: provided port is already allocated',
      details: { causes: [{ reason: 'FieldValueInvalid', field: 'spec.ports[1].nodePort' }] },
    });
    await store.delete('default', 'fixed', {});
    await store.create('default', nodePortService('copy', [{ port: 80, nodePort: 30080 }]));
  });

  it('gives ports that differ only in protocol one node port', async () => {
    const store = await services();
    const created = (await store.create('default', nodePortService('dns', [{ name: 'udp', port: 53, protocol: 'UDP' }, { name: 'tcp', port: 53, protocol: 'TCP' }]))).object as Service;
    const [udp, tcp] = created.spec.ports;
    expect(udp!.nodePort).toBe(tcp!.nodePort);
  });

  it('gives the ports back when the create fails after reserving them, and reserves none on a dry run', async () => {
    const store = await services();
    expect(await statusOf(store.create('default', nodePortService('bad', [{ port: 80, nodePort: 30090 }], { selector: { 'not a label': 'x' } })))).toMatchObject({ code: 422 });
    await store.create('default', nodePortService('dry', [{ port: 80, nodePort: 30091 }]), { dryRun: true });
    await store.create('default', nodePortService('a', [{ port: 80, nodePort: 30090 }]));
    await store.create('default', nodePortService('b', [{ port: 80, nodePort: 30091 }]));
  });

  it('reserves the ports an update adds and gives back those it drops', async () => {
    const store = await services();
    await store.create('default', nodePortService('a', [{ name: 'http', port: 80, nodePort: 30100 }]));
    await store.create('default', nodePortService('b', [{ name: 'http', port: 80, nodePort: 30101 }]));
    const addTaken = store.update('default', 'b', (current) => ({ ...current, spec: { ...(current.spec as object), ports: [{ name: 'http', port: 80, nodePort: 30101 }, { name: 'admin', port: 81, nodePort: 30100 }] } }));
    expect(await statusOf(addTaken)).toMatchObject({ code: 422, message: 'Service "b" is invalid: spec.ports[1].nodePort: Invalid value: 30100: provided port is already allocated' });
    // A port added without a node port draws one; the ones kept stay.
    const grown = (await store.update('default', 'b', (current) => ({ ...current, spec: { ...(current.spec as object), ports: [{ name: 'http', port: 80 }, { name: 'admin', port: 81 }] } }))).object as Service;
    expect(grown.spec.ports[0]!.nodePort).toBe(30101);
    expect(grown.spec.ports[1]!.nodePort).toBeGreaterThanOrEqual(30000);
    // Turning into a ClusterIP Service lets its node ports go.
    await store.update('default', 'a', (current) => ({ ...current, spec: { ...(current.spec as object), type: 'ClusterIP' } }));
    await store.create('default', nodePortService('c', [{ port: 80, nodePort: 30100 }]));
  });

  it('draws a health check node port for a LoadBalancer with the Local traffic policy', async () => {
    const store = await services();
    const created = (await store.create('default', nodePortService('lb', [{ port: 80 }], { type: 'LoadBalancer', externalTrafficPolicy: 'Local' }))).object as Service;
    expect(created.spec.healthCheckNodePort).toBeGreaterThanOrEqual(30000);
    expect(created.spec.healthCheckNodePort).not.toBe(created.spec.ports[0]!.nodePort);
  });

  it('hands one port to one of two Services asking for it at once through two servers on one storage', async () => {
    const storage = Object.assign(new MemoryStorage(), { shared: true });
    const [a, b] = [await services(storage), await services(storage)];
    const results = await Promise.allSettled([a, b, a, b].map((store, i) => store.create('default', nodePortService(`s${i}`, [{ port: 80, nodePort: 30200 }]))));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect((result as PromiseRejectedResult).reason.status).toMatchObject({ code: 422, message: expect.stringContaining('provided port is already allocated') });
    }
  });
});
