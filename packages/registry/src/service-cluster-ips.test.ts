import { MemoryStorage } from '@kubekit/store';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { KubeObject } from './kube-object.js';
import { Registry } from './registry.js';

type Service = KubeObject & { spec: { clusterIP?: string; clusterIPs?: string[]; type?: string } };

async function registry(options: { serviceCIDR?: string; storage?: MemoryStorage } = {}) {
  const served = new Registry(options);
  await served.bootstrap();
  onTestFinished(() => served.close());
  return {
    services: served.resource('', 'v1', 'services')!,
    ipAddresses: served.resource('networking.k8s.io', 'v1', 'ipaddresses')!,
    serviceCIDRs: served.resource('networking.k8s.io', 'v1', 'servicecidrs')!,
  };
}

const service = (name: string, spec: Record<string, unknown> = {}) => ({ metadata: { name }, spec: { ports: [{ port: 80 }], ...spec } });
const addressNames = async (ipAddresses: Awaited<ReturnType<typeof registry>>['ipAddresses']) =>
  (await ipAddresses.list()).items.map((item) => item.object.metadata?.name).sort();

describe('Service cluster IPs as IPAddress objects (MultiCIDRServiceAllocator)', () => {
  it('gives each Service address an IPAddress object pointing at it, and deletes it with the Service', async () => {
    const { services, ipAddresses } = await registry();
    const created = (await services.create('default', service('web'))).object as Service;
    const ip = created.spec.clusterIP!;
    expect(created.spec.clusterIPs).toEqual([ip]);
    const address = await ipAddresses.get(undefined, ip);
    expect(address.object).toMatchObject({
      metadata: { name: ip, labels: { 'ipaddress.kubernetes.io/ip-family': 'IPv4', 'ipaddress.kubernetes.io/managed-by': 'ipallocator.k8s.io' } },
      spec: { parentRef: { resource: 'services', namespace: 'default', name: 'web' } },
    });
    expect(address.object.metadata?.managedFields?.[0]).toMatchObject({ manager: 'kube-apiserver', operation: 'Update' });
    await services.delete('default', 'web', {});
    expect(await addressNames(ipAddresses)).toEqual(['10.96.0.1']);
  });

  it('starts with the kubernetes ServiceCIDR, Ready, and the kubernetes Service address', async () => {
    const { serviceCIDRs, ipAddresses } = await registry();
    const cidr = (await serviceCIDRs.get(undefined, 'kubernetes')).object;
    expect(cidr).toMatchObject({ spec: { cidrs: ['10.96.0.0/12'] }, status: { conditions: [{ type: 'Ready', status: 'True', message: 'Kubernetes default Service CIDR is ready' }] } });
    expect((await ipAddresses.get(undefined, '10.96.0.1')).object).toMatchObject({ spec: { parentRef: { resource: 'services', namespace: 'default', name: 'kubernetes' } } });
    expect((await ipAddresses.get(undefined, '10.96.0.1')).object).not.toHaveProperty('spec.parentRef.group');
  });

  it('refuses an address in use, outside the range, or the range\'s network address, as the Service storage does', async () => {
    const { services, ipAddresses } = await registry();
    await services.create('default', service('dns', { clusterIP: '10.96.0.10' }));
    const refused = (name: string, ip: string) => services.create('default', service(name, { clusterIP: ip })).then(() => undefined, (error: { status: unknown }) => error.status);
    expect(await refused('other', '10.96.0.10')).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: 'Service "other" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.10"]: failed to allocate IP 10.96.0.10: provided IP is already allocated',
      details: { causes: [{ reason: 'FieldValueInvalid', field: 'spec.clusterIPs' }] },
    });
    expect(await refused('far', '192.168.0.10')).toMatchObject({
      message: 'Service "far" is invalid: spec.clusterIPs: Invalid value: ["192.168.0.10"]: failed to allocate IP 192.168.0.10: the provided network does not match the current range',
    });
    expect(await refused('net', '10.96.0.0')).toMatchObject({
      message: 'Service "net" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.0"]: failed to allocate IP 10.96.0.0: the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    });
    expect(await addressNames(ipAddresses)).toEqual(['10.96.0.1', '10.96.0.10']);
  });

  it('gives the address back when the create fails after reserving it, and reserves none on a dry run', async () => {
    const { services, ipAddresses } = await registry();
    await expect(services.create('default', service('bad', { clusterIP: '10.96.0.20', ports: [{ port: 0 }] }))).rejects.toMatchObject({ status: { code: 422 } });
    await services.create('default', service('dry', { clusterIP: '10.96.0.21' }), { dryRun: true });
    const dry = await services.create('default', service('dry-auto'), { dryRun: true });
    expect((dry.object as Service).spec.clusterIP).toMatch(/^10\.(9[6-9]|1[01]\d)\./);
    expect(await addressNames(ipAddresses)).toEqual(['10.96.0.1']);
    await services.create('default', service('good', { clusterIP: '10.96.0.20' }));
    expect(await addressNames(ipAddresses)).toEqual(['10.96.0.1', '10.96.0.20']);
  });

  it('releases the address when a Service becomes ExternalName, and reserves one when it stops being one', async () => {
    const { services, ipAddresses } = await registry();
    await services.create('default', service('web', { clusterIP: '10.96.0.30' }));
    await services.update('default', 'web', (current) => ({ ...current, spec: { type: 'ExternalName', externalName: 'example.com' } }));
    expect(await addressNames(ipAddresses)).toEqual(['10.96.0.1']);
    const back = await services.update('default', 'web', (current) => ({ ...current, spec: { type: 'ClusterIP', ports: [{ port: 80 }] } }));
    const ip = (back.object as Service).spec.clusterIP!;
    expect(ip).toMatch(/^10\.(9[6-9]|1[01]\d)\./);
    expect(await addressNames(ipAddresses)).toEqual(['10.96.0.1', ip].sort());
  });

  it('makes an IPAddress deleted under a Service that still holds the address again, as the repair controller does', async () => {
    const { services, ipAddresses } = await registry();
    await services.create('default', service('web', { clusterIP: '10.96.0.40' }));
    await ipAddresses.delete(undefined, '10.96.0.40', {});
    expect((await ipAddresses.get(undefined, '10.96.0.40')).object).toMatchObject({ spec: { parentRef: { resource: 'services', namespace: 'default', name: 'web' } } });
    await expect(services.create('default', service('copy', { clusterIP: '10.96.0.40' }))).rejects.toMatchObject({ status: { code: 422 } });
    // One whose Service is gone stays deleted.
    await services.delete('default', 'web', {});
    expect(await addressNames(ipAddresses)).toEqual(['10.96.0.1']);
  });

  it('refuses an update that asks for an address in use, and keeps the Service as it was', async () => {
    const { services, ipAddresses } = await registry();
    await services.create('default', service('dns', { clusterIP: '10.96.0.10' }));
    await services.create('default', service('ext', { type: 'ExternalName', externalName: 'example.com', ports: undefined }));
    const turned = services.update('default', 'ext', (current) => ({ ...current, spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', ports: [{ port: 80 }] } }));
    await expect(turned).rejects.toMatchObject({ status: { code: 422, message: expect.stringContaining('failed to allocate IP 10.96.0.10: provided IP is already allocated') } });
    expect(((await services.get('default', 'ext')).object as Service).spec.type).toBe('ExternalName');
    expect(await addressNames(ipAddresses)).toEqual(['10.96.0.1', '10.96.0.10']);
  });

  it('never hands one address to two Services created at once through two servers on one storage', async () => {
    // A /28 has 14 addresses; the kubernetes Service holds the first.
    const storage = Object.assign(new MemoryStorage(), { shared: true });
    const [a, b] = [await registry({ storage, serviceCIDR: '10.96.0.0/28' }), await registry({ storage, serviceCIDR: '10.96.0.0/28' })];
    const results = await Promise.allSettled(
      Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? a : b).services.create('default', service(`s${i}`))),
    );
    const ips = results.flatMap((result) => (result.status === 'fulfilled' ? [(result.value.object as Service).spec.clusterIP!] : []));
    expect(ips).toHaveLength(13);
    expect(new Set(ips).size).toBe(13);
    const refusals = results.flatMap((result) => (result.status === 'rejected' ? [(result.reason as { status: unknown }).status] : []));
    expect(refusals).toEqual([
      expect.objectContaining({ code: 500, reason: 'InternalError', message: 'Internal error occurred: failed to allocate a serviceIP: range is full' }),
      expect.objectContaining({ code: 500, reason: 'InternalError' }),
      expect.objectContaining({ code: 500, reason: 'InternalError' }),
    ]);
    expect((await addressNames(a.ipAddresses)).length).toBe(14);
  });
});
