import { type DeleteOptions, MemoryStorage, type StoredItem, type StoredObject, type TryUpdate, type UpdateOptions, storageUnavailable } from '@kubekit/store';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { KubeObject } from './kube-object.js';
import { Registry } from './registry.js';
import { ORPHAN_GRACE_MS } from './service-cluster-ips.js';

/**
 * A storage that goes down at the write of a Service once armed, and stays down until told: a
 * server stopped between reserving a Service's address and ports and writing the Service, whose
 * attempt to give them back fails as well.
 */
class DownAtServiceWrite extends MemoryStorage {
  armed = false;
  down = false;

  override async create<T extends StoredObject>(key: string, object: T): Promise<StoredItem<T>> {
    if (this.armed && key.startsWith('/core/services/')) this.down = true;
    if (this.down) throw storageUnavailable(key, 'connection refused');
    return super.create(key, object);
  }

  override async guaranteedUpdate<T extends StoredObject>(key: string, tryUpdate: TryUpdate<T>, options?: UpdateOptions): Promise<StoredItem<T>> {
    if (this.down) throw storageUnavailable(key, 'connection refused');
    return super.guaranteedUpdate(key, tryUpdate, options);
  }

  override async delete<T extends StoredObject>(key: string, options?: DeleteOptions<T>): Promise<StoredItem<T>> {
    if (this.down) throw storageUnavailable(key, 'connection refused');
    return super.delete(key, options);
  }
}

async function cluster(storage: MemoryStorage = new MemoryStorage()) {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const registry = new Registry({ storage, now: () => now, repairInterval: 0 });
  await registry.bootstrap();
  onTestFinished(() => registry.close());
  return {
    registry,
    advance: (ms: number) => (now += ms),
    services: registry.resource('', 'v1', 'services')!,
    ipAddresses: registry.resource('networking.k8s.io', 'v1', 'ipaddresses')!,
  };
}

const nodePortService = (name: string, clusterIP: string, nodePort: number) => ({
  metadata: { name },
  spec: { type: 'NodePort', clusterIP, ports: [{ port: 80, nodePort }] },
});
const statusOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: { status: { code: number; message: string } }) => error.status);

describe('the Service repair loops (RepairIPAddress and the node port repair)', () => {
  it('gives back what a server stopped half way through a Service create left reserved: the address after the grace period, the port after three repairs', async () => {
    const storage = new DownAtServiceWrite();
    const { registry, advance, services, ipAddresses } = await cluster(storage);
    storage.armed = true;
    expect(await statusOf(services.create('default', nodePortService('lost', '10.96.0.50', 30050)))).toMatchObject({ code: 503 });
    [storage.armed, storage.down] = [false, false];

    // Both are still reserved: another Service cannot have them.
    expect((await ipAddresses.get(undefined, '10.96.0.50')).object).toMatchObject({ spec: { parentRef: { name: 'lost' } } });
    expect(await statusOf(services.create('default', nodePortService('other', '10.96.0.51', 30050)))).toMatchObject({
      code: 422,
      message: 'Service "other" is invalid: spec.ports[0].nodePort: Invalid value: 30050: provided port is already allocated',
    });

    await registry.repairServices();
    expect((await ipAddresses.get(undefined, '10.96.0.50')).object.spec).toBeDefined();
    advance(ORPHAN_GRACE_MS + 1_000);
    await registry.repairServices();
    expect(await statusOf(ipAddresses.get(undefined, '10.96.0.50'))).toMatchObject({ code: 404 });
    // Two repairs have found the port unheld; the third frees it.
    expect(await statusOf(services.create('default', nodePortService('other', '10.96.0.51', 30050)))).toMatchObject({ code: 422 });
    await registry.repairServices();
    const created = (await services.create('default', nodePortService('again', '10.96.0.50', 30050))).object as KubeObject & { spec: { clusterIP: string } };
    expect(created.spec.clusterIP).toBe('10.96.0.50');
  });

  it('keeps what stored Services hold: a missing node port bitmap is marked again, an IPAddress pointing elsewhere is pointed back', async () => {
    const storage = new MemoryStorage();
    const { registry, advance, services, ipAddresses } = await cluster(storage);
    await services.create('default', nodePortService('web', '10.96.0.60', 30060));
    const address = await ipAddresses.get(undefined, '10.96.0.60');
    await storage.guaranteedUpdate(address.key, (current) => ({ ...current.object, spec: { parentRef: { resource: 'services', namespace: 'default', name: 'elsewhere' } } }));
    await storage.delete('/core/rangeallocations/servicenodeports');
    // A hand-made IPAddress not managed by the allocator is not the repair's.
    await ipAddresses.create(undefined, { metadata: { name: '10.96.0.70' }, spec: { parentRef: { group: 'gateway.networking.k8s.io', resource: 'gateways', namespace: 'default', name: 'gw' } } });

    advance(ORPHAN_GRACE_MS * 10);
    for (let round = 0; round < 3; round++) await registry.repairServices();

    expect((await ipAddresses.get(undefined, '10.96.0.60')).object).toMatchObject({ spec: { parentRef: { resource: 'services', namespace: 'default', name: 'web' } } });
    expect((await ipAddresses.get(undefined, '10.96.0.70')).object).toMatchObject({ spec: { parentRef: { name: 'gw' } } });
    expect(await statusOf(services.create('default', nodePortService('copy', '10.96.0.61', 30060)))).toMatchObject({ code: 422 });
    expect(await statusOf(services.create('default', nodePortService('copy', '10.96.0.60', 30061)))).toMatchObject({
      code: 422,
      message: expect.stringContaining('failed to allocate IP 10.96.0.60: provided IP is already allocated'),
    });
  });

  it('runs at start, so a server started after another stopped half way repairs what it left', async () => {
    const storage = new DownAtServiceWrite();
    const first = await cluster(storage);
    storage.armed = true;
    await statusOf(first.services.create('default', nodePortService('lost', '10.96.0.80', 30080)));
    [storage.armed, storage.down] = [false, false];
    await first.registry.close();

    // Much later, a new server on the same storage: the address is an old orphan and goes at its start.
    const second = new Registry({ storage, now: () => Date.now() + ORPHAN_GRACE_MS * 10, repairInterval: 0 });
    await second.bootstrap();
    onTestFinished(() => second.close());
    const ipAddresses = second.resource('networking.k8s.io', 'v1', 'ipaddresses')!;
    expect(await statusOf(ipAddresses.get(undefined, '10.96.0.80'))).toMatchObject({ code: 404 });
  });
});
