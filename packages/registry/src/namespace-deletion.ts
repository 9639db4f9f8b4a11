import { isStatusError } from '@kubekit/apimachinery';
import type { StoredItem } from '@kubekit/store';
import type { KubeObject } from './kube-object.js';
import type { Registry } from './registry.js';
import type { DeleteResult, ResourceStore } from './resource-store.js';

const ignoreNotFound = (error: unknown) => {
  if (!isStatusError(error, 'NotFound')) throw error;
};

/**
 * Namespace deletion, done at once where the real namespace controller does it in the background:
 * the namespace turns `Terminating` (so nothing new can be created in it) and its content is
 * deleted; content held by finalizers only gets its deletionTimestamp, and the namespace stays
 * until the last of it is gone (see `finishNamespace`).
 */
export async function deleteNamespace<T extends KubeObject>(
  registry: Registry,
  namespaces: ResourceStore<T>,
  item: StoredItem<T>,
): Promise<DeleteResult<T>> {
  const name = item.object.metadata?.name ?? '';
  const terminating = await namespaces.markForDeletion(undefined, name, (object) => {
    object.status = { ...(object.status as object | undefined), phase: 'Terminating' };
  });
  for (const store of registry.resources()) {
    // A resource stored as another (events.k8s.io events) is deleted through that one.
    if (!store.definition.namespaced || store.definition.storedAs) continue;
    const { items } = await store.list({ namespace: name });
    for (const content of items) {
      await store.delete(name, content.object.metadata?.name ?? '').catch(ignoreNotFound);
    }
  }
  await finishNamespace(registry, name);
  return { item: terminating, deleted: false };
}

/** Removes a terminating namespace once nothing is left in it. */
export async function finishNamespace(registry: Registry, name: string): Promise<void> {
  const namespaces = registry.resource('', 'v1', 'namespaces');
  if (!namespaces) return;
  const namespace = await namespaces.get(undefined, name).catch(() => undefined);
  if (!namespace?.object.metadata?.deletionTimestamp) return;
  for (const store of registry.resources()) {
    if (store.definition.namespaced && (await store.list({ namespace: name, limit: 1 })).items.length > 0) return;
  }
  await namespaces.remove(namespace).catch(ignoreNotFound);
}
