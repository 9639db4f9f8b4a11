import { MemoryStorage } from '@kubekit/store';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { KubeObject } from './kube-object.js';
import { Registry } from './registry.js';

// Two registries on one storage marked `shared` stand for two servers on one etcd: each follows
// what the other writes.

async function twoServers(serviceCIDR?: string) {
  const storage = Object.assign(new MemoryStorage(), { shared: true });
  const [a, b] = [new Registry({ storage, ...(serviceCIDR && { serviceCIDR }) }), new Registry({ storage, ...(serviceCIDR && { serviceCIDR }) })];
  await a.bootstrap();
  await b.bootstrap();
  onTestFinished(async () => {
    await a.close();
    await b.close();
  });
  return { a, b };
}

/** Lets the follower's watch deliver what is queued. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

const crd = {
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
  },
};

describe('a registry on a shared storage', () => {
  it('serves a CRD another server created, and stops when another deletes it', async () => {
    const { a, b } = await twoServers();
    await a.resource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions')!.create(undefined, crd);
    await settle();
    expect(b.resource('example.com', 'v1', 'widgets')).toBeDefined();
    await b.resource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions')!.delete(undefined, 'widgets.example.com', {});
    await settle();
    expect(a.resource('example.com', 'v1', 'widgets')).toBeUndefined();
  });

  it('collects dependents another server created when the owner is deleted here', async () => {
    const { a, b } = await twoServers();
    const owner = (await a.resource('', 'v1', 'configmaps')!.create('default', { metadata: { name: 'owner' } })).object;
    const reference = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata!.uid! };
    await a.resource('', 'v1', 'secrets')!.create('default', { metadata: { name: 'child', ownerReferences: [reference] } });
    await settle();
    await b.resource('', 'v1', 'configmaps')!.delete('default', 'owner', {});
    await settle();
    await expect(a.resource('', 'v1', 'secrets')!.get('default', 'child')).rejects.toMatchObject({ status: { reason: 'NotFound' } });
  });

  it("does not hand out a cluster IP another server's Service holds", async () => {
    // A /29 has six addresses; the kubernetes Service holds the first.
    const { a, b } = await twoServers('10.96.0.0/29');
    const taken = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const registry = i % 2 === 0 ? a : b;
      const created = await registry.resource('', 'v1', 'services')!.create('default', { metadata: { name: `s${i}` }, spec: { ports: [{ port: 80 }] } });
      taken.add((created.object as KubeObject & { spec: { clusterIP: string } }).spec.clusterIP);
      await settle();
    }
    expect(taken.size).toBe(5);
  });
});
