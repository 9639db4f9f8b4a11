import { beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from './kube-object.js';
import { Registry } from './registry.js';
import type { ResourceStore } from './resource-store.js';

let configMaps: ResourceStore;
let secrets: ResourceStore;

beforeEach(async () => {
  const registry = new Registry();
  await registry.bootstrap();
  configMaps = registry.resource('', 'v1', 'configmaps')!;
  secrets = registry.resource('', 'v1', 'secrets')!;
});

/** An owner ConfigMap and two dependent Secrets, one of which also has a second owner. */
async function family(): Promise<{ owner: KubeObject; other: KubeObject }> {
  const owner = (await configMaps.create('default', { metadata: { name: 'owner' } })).object;
  const other = (await configMaps.create('default', { metadata: { name: 'other' } })).object;
  const reference = (object: KubeObject) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: object.metadata!.name!, uid: object.metadata!.uid! });
  await secrets.create('default', { metadata: { name: 'only-child', ownerReferences: [reference(owner)] } });
  await secrets.create('default', { metadata: { name: 'shared-child', ownerReferences: [reference(owner), reference(other)] } });
  return { owner, other };
}

const names = async (store: ResourceStore) => (await store.list({ namespace: 'default' })).items.map((item) => item.object.metadata?.name);

describe('garbage collection on delete', () => {
  it('Background: deletes dependents whose owners are all gone, and unlinks the others', async () => {
    await family();
    await configMaps.delete('default', 'owner', { propagationPolicy: 'Background' });
    expect(await names(secrets)).toEqual(['shared-child']);
    const shared = await secrets.get('default', 'shared-child');
    expect(shared.object.metadata?.ownerReferences?.map((reference) => reference.name)).toEqual(['other']);
  });

  it('Foreground: marks the owner, deletes the dependents first, then the owner', async () => {
    await family();
    const watch = await configMaps.watch({ namespace: 'default', resourceVersion: String(await configMaps.list().then((l) => l.resourceVersion)) });
    await configMaps.delete('default', 'owner', { propagationPolicy: 'Foreground' });
    expect(await names(secrets)).toEqual(['shared-child']);
    const batch = (await watch.nextBatch()) ?? [];
    watch.stop();
    const events = batch.flatMap((item) => ('initialEventsEnd' in item ? [] : [`${item.type} ${item.object.metadata?.finalizers?.join(',') ?? ''}`]));
    expect(events).toEqual(['MODIFIED foregroundDeletion', 'DELETED foregroundDeletion']);
  });

  it('Orphan: keeps the dependents and removes their reference to the owner', async () => {
    await family();
    await configMaps.delete('default', 'owner', { propagationPolicy: 'Orphan' });
    expect(await names(secrets)).toEqual(['only-child', 'shared-child']);
    const orphan = await secrets.get('default', 'only-child');
    expect(orphan.object.metadata?.ownerReferences).toBeUndefined();
  });

  it('orphanDependents: true is the older spelling of Orphan', async () => {
    await family();
    await configMaps.delete('default', 'owner', { orphanDependents: true });
    expect(await names(secrets)).toEqual(['only-child', 'shared-child']);
  });
});
