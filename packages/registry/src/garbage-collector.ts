import { isStatusError } from '@kubekit/apimachinery';
import type { StoredItem } from '@kubekit/store';
import type { DeleteOptionsBody } from './delete-options.js';
import type { KubeObject, OwnerReferenceLike } from './kube-object.js';
import type { DeleteResult, ResourceStore } from './resource-store.js';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

/** The finalizer a foreground deletion holds its owner with until the dependents are gone. */
const FOREGROUND_DELETION = 'foregroundDeletion';

/**
 * DeleteOptions' policy: `propagationPolicy`, else the older `orphanDependents`, else Background
 * (the default of every group version served here).
 */
export function propagationPolicyOf(options: DeleteOptionsBody): PropagationPolicy {
  if (options.propagationPolicy) return options.propagationPolicy as PropagationPolicy;
  return options.orphanDependents ? 'Orphan' : 'Background';
}

const ignoreNotFound = (error: unknown) => {
  if (!isStatusError(error, 'NotFound')) throw error;
};

/** How the collector finds stores: the one holding a storage key, and the one serving a kind. */
export interface StoreLookup {
  forKey(key: string): ResourceStore | undefined;
  forKind(apiVersion: string, kind: string): ResourceStore | undefined;
}

/**
 * Garbage collection by ownerReferences, done at once where the real garbage collector works in
 * the background (docs: "Garbage Collection", "Use Cascading Deletion"). An index from owner uid to
 * dependents, kept on every write, finds what a deletion affects:
 * - Background: the owner goes, then each dependent whose owners are all gone is deleted the same way;
 * - Foreground: the owner gets a deletionTimestamp and the `foregroundDeletion` finalizer, its
 *   dependents are deleted first, then the owner goes;
 * - Orphan: the dependents lose their reference to the owner, then the owner goes.
 */
export class GarbageCollector {
  private readonly dependentsByOwner = new Map<string, Set<string>>();
  private readonly ownersByKey = new Map<string, readonly OwnerReferenceLike[]>();

  constructor(private readonly stores: StoreLookup) {}

  /** Keeps the index current: called with every written object, and with `undefined` once one is removed. */
  observe(key: string, object: Readonly<KubeObject> | undefined): void {
    for (const owner of this.ownersByKey.get(key) ?? []) {
      const dependents = this.dependentsByOwner.get(owner.uid);
      dependents?.delete(key);
      if (dependents?.size === 0) this.dependentsByOwner.delete(owner.uid);
    }
    const owners = object?.metadata?.ownerReferences ?? [];
    if (owners.length === 0) {
      this.ownersByKey.delete(key);
      return;
    }
    this.ownersByKey.set(key, owners);
    for (const owner of owners) {
      let dependents = this.dependentsByOwner.get(owner.uid);
      if (!dependents) this.dependentsByOwner.set(owner.uid, (dependents = new Set()));
      dependents.add(key);
    }
  }

  /** Forgets the index and builds it again from every stored object (after the store changed behind the hooks). */
  rebuild(items: Iterable<StoredItem<KubeObject>>): void {
    this.dependentsByOwner.clear();
    this.ownersByKey.clear();
    for (const item of items) this.observe(item.key, item.object);
  }

  /** Deletes `current` from `store` with the given policy, and its dependents as the policy says. */
  async delete<T extends KubeObject>(
    store: ResourceStore<T>,
    current: StoredItem<T>,
    policy: PropagationPolicy,
    preconditions: DeleteOptionsBody['preconditions'],
  ): Promise<DeleteResult<T>> {
    const uid = current.object.metadata?.uid ?? '';
    const dependents = [...(this.dependentsByOwner.get(uid) ?? [])];
    if (dependents.length === 0) return { item: await store.remove(current, preconditions), deleted: true };
    switch (policy) {
      case 'Orphan':
        for (const key of dependents) await this.dropOwner(key, uid);
        return { item: await store.remove(current, preconditions), deleted: true };
      case 'Foreground': {
        const namespace = current.object.metadata?.namespace;
        const name = current.object.metadata?.name ?? '';
        const marked = await store.markForDeletion(namespace, name, (object) => {
          const meta = object.metadata!;
          meta.finalizers = [...(meta.finalizers ?? []), FOREGROUND_DELETION];
        });
        for (const key of dependents) await this.deleteDependent(key, uid, 'Foreground');
        return { item: await store.remove(marked), deleted: true };
      }
      case 'Background': {
        const removed = await store.remove(current, preconditions);
        for (const key of dependents) await this.deleteDependent(key, uid, 'Background');
        return { item: removed, deleted: true };
      }
    }
  }

  /** A dependent whose other owners are all gone is deleted; one that still has an owner only loses this one. */
  private async deleteDependent(key: string, ownerUid: string, policy: PropagationPolicy): Promise<void> {
    const store = this.stores.forKey(key);
    if (!store) return;
    const { namespace, name } = locate(store, key);
    for (const owner of this.ownersByKey.get(key) ?? []) {
      if (owner.uid !== ownerUid && (await this.exists(owner, namespace))) return this.dropOwner(key, ownerUid);
    }
    await store.delete(namespace, name, { propagationPolicy: policy }).catch(ignoreNotFound);
  }

  private async dropOwner(key: string, ownerUid: string): Promise<void> {
    const store = this.stores.forKey(key);
    if (!store) return;
    const { namespace, name } = locate(store, key);
    await store
      .update(namespace, name, (current) => {
        const next = structuredClone(current) as KubeObject;
        const references = next.metadata?.ownerReferences?.filter((reference) => reference.uid !== ownerUid) ?? [];
        if (references.length > 0) next.metadata!.ownerReferences = references;
        else delete next.metadata!.ownerReferences;
        return next;
      })
      .catch(ignoreNotFound);
  }

  /** Whether an owner still exists: same kind, name and uid, in the dependent's namespace or cluster-wide. */
  private async exists(owner: OwnerReferenceLike, namespace: string | undefined): Promise<boolean> {
    const store = this.stores.forKind(owner.apiVersion, owner.kind);
    if (!store) return false;
    const found = await store.get(store.definition.namespaced ? namespace : undefined, owner.name).catch(() => undefined);
    return found?.object.metadata?.uid === owner.uid;
  }
}

function locate(store: ResourceStore, key: string): { namespace: string | undefined; name: string } {
  const rest = key.slice(store.prefix(undefined).length).split('/');
  return store.definition.namespaced ? { namespace: rest[0], name: rest[1] ?? '' } : { namespace: undefined, name: rest[0] ?? '' };
}
