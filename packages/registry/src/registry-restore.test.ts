import { MemoryStorage } from '@kubekit/store';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from './kube-object.js';
import { Registry } from './registry.js';

const OPEN = { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } };

async function cluster(options: { serviceCIDR?: string } = {}) {
  const registry = new Registry(options);
  await registry.bootstrap();
  return {
    registry,
    services: registry.resource('', 'v1', 'services')!,
    configMaps: registry.resource('', 'v1', 'configmaps')!,
    secrets: registry.resource('', 'v1', 'secrets')!,
  };
}

const service = (name: string) => ({ metadata: { name }, spec: { ports: [{ port: 80 }] } });
const clusterIP = (object: KubeObject) => (object as { spec?: { clusterIP?: string } }).spec?.clusterIP;

describe('Registry.restore', () => {
  it('frees the cluster IPs of Services created after the snapshot', async () => {
    // A /29 has six addresses; the kubernetes Service holds the first.
    const { registry, services } = await cluster({ serviceCIDR: '10.96.0.0/29' });
    const snapshot = registry.snapshot();
    const first: string[] = [];
    for (let i = 0; i < 5; i++) first.push(clusterIP((await services.create('default', service(`s${i}`))).object)!);
    await expect(services.create('default', service('one-too-many'))).rejects.toThrow(/full/);
    await registry.restore(snapshot);
    const second: string[] = [];
    for (let i = 0; i < 5; i++) second.push(clusterIP((await services.create('default', service(`t${i}`))).object)!);
    expect(second.sort()).toEqual(first.sort());
  });

  it('keeps garbage collection working: the owner index follows the restored objects', async () => {
    const { registry, configMaps, secrets } = await cluster();
    const owner = (await configMaps.create('default', { metadata: { name: 'owner' } })).object;
    const reference = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata!.uid! };
    await secrets.create('default', { metadata: { name: 'child', ownerReferences: [reference] } });
    const snapshot = registry.snapshot();
    // Orphaning drops the reference (and the index entry); the restore brings both back.
    await configMaps.delete('default', 'owner', { propagationPolicy: 'Orphan' });
    await registry.restore(snapshot);
    expect((await secrets.get('default', 'child')).object.metadata?.ownerReferences).toEqual([reference]);
    await configMaps.delete('default', 'owner', { propagationPolicy: 'Background' });
    await expect(secrets.get('default', 'child')).rejects.toMatchObject({ status: { reason: 'NotFound' } });
  });

  it('stops serving the resources of CRDs created after the snapshot, and serves them again when restored', async () => {
    const { registry } = await cluster();
    const crds = registry.resource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions')!;
    const empty = registry.snapshot();
    await crds.create(undefined, {
      metadata: { name: 'foos.hello.zeng.dev' },
      spec: { group: 'hello.zeng.dev', scope: 'Namespaced', names: { plural: 'foos', kind: 'Foo' }, versions: [{ name: 'v1', served: true, storage: true, schema: OPEN }] },
    } as KubeObject);
    expect(registry.resource('hello.zeng.dev', 'v1', 'foos')).toBeDefined();
    const withFoos = registry.snapshot();
    const revision = registry.revision;
    await registry.restore(empty);
    expect(registry.resource('hello.zeng.dev', 'v1', 'foos')).toBeUndefined();
    expect(registry.revision).toBeGreaterThan(revision);
    await registry.restore(withFoos);
    expect(registry.resource('hello.zeng.dev', 'v1', 'foos')).toBeDefined();
  });

  it('serves the CRDs of a store that holds some already when it bootstraps', async () => {
    const storage = new MemoryStorage();
    const registry = new Registry({ storage });
    await registry.bootstrap();
    await registry.resource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions')!.create(undefined, {
      metadata: { name: 'bars.hello.zeng.dev' },
      spec: { group: 'hello.zeng.dev', scope: 'Cluster', names: { plural: 'bars', kind: 'Bar' }, versions: [{ name: 'v1', served: true, storage: true, schema: OPEN }] },
    } as KubeObject);
    const second = new Registry({ storage });
    await second.bootstrap();
    expect(second.resource('hello.zeng.dev', 'v1', 'bars')).toBeDefined();
  });

  it('needs the in-memory storage', () => {
    const { currentResourceVersion, get, list } = MemoryStorage.prototype;
    const registry = new Registry({ storage: { currentResourceVersion, get, list } as never });
    expect(() => registry.snapshot()).toThrow(/in-memory storage/);
  });
});
