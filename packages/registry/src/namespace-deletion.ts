import type { StoredItem } from '@kubekit/store';
import type { KubeObject } from './kube-object.js';
import type { Registry } from './registry.js';
import type { DeleteResult, ResourceStore, WriteOptions } from './resource-store.js';

/**
 * Namespace deletion, done at once where the real namespace controller does it in the background:
 * the namespace turns `Terminating` (so nothing new can be created in it), its content is removed,
 * then the namespace itself. Clients see the same events as against a real cluster, in order.
 */
export async function deleteNamespace<T extends KubeObject>(
  registry: Registry,
  namespaces: ResourceStore<T>,
  item: StoredItem<T>,
  options: WriteOptions,
): Promise<DeleteResult<T>> {
  const name = item.object.metadata?.name ?? '';
  const terminating = await namespaces.markForDeletion(undefined, name, (object) => {
    object.status = { ...(object.status as object | undefined), phase: 'Terminating' };
  });
  for (const store of registry.resources()) {
    if (!store.definition.namespaced) continue;
    const { items } = await store.list({ namespace: name });
    for (const content of items) await store.remove(content).catch(() => undefined);
  }
  await namespaces.remove(terminating).catch(() => undefined);
  void options;
  return { item: terminating, deleted: false };
}
