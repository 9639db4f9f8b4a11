import { newForbidden, newNotFound } from '@kubekit/apimachinery';
import { type Storage, isStorageError } from '@kubekit/store';
import type { AdmissionAttributes, AdmissionPlugin } from './admission.js';
import type { KubeObject } from './kube-object.js';

/** Namespaces the real server refuses to delete (NamespaceLifecycle's immortal namespaces). */
export const IMMORTAL_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public']);

export const namespaceKey = (name: string) => `/core/namespaces/${name}`;

/**
 * The NamespaceLifecycle admission plugin (a mutating one, so it runs before validation): content
 * may only be created in a namespace that exists and is not terminating, and the system
 * namespaces may not be deleted.
 */
export function namespaceLifecycle(storage: Storage): AdmissionPlugin {
  return {
    name: 'NamespaceLifecycle',
    admit(attributes) {
      const { definition, operation, namespace, name } = attributes;
      if (operation === 'DELETE' && definition.group === '' && definition.resource === 'namespaces' && IMMORTAL_NAMESPACES.has(name)) {
        throw newForbidden({ group: definition.group, resource: definition.resource }, name, 'this namespace may not be deleted');
      }
      // Only a create looks the namespace up; every other write stays synchronous.
      if (operation !== 'CREATE' || !definition.namespaced || !namespace) return;
      return requireLiveNamespace(storage, attributes, namespace);
    },
  };
}

/** A create's namespace must exist and not be terminating. */
async function requireLiveNamespace(storage: Storage, { definition, name }: AdmissionAttributes, namespace: string): Promise<void> {
  let object: Readonly<KubeObject>;
  try {
    // As the real plugin reads its informer first and asks storage only on a miss: a cached
    // backend answers resourceVersion 0 without a round trip, and a namespace just created
    // elsewhere is still found by the consistent read.
    object = (await storage.get<KubeObject>(namespaceKey(namespace), { resourceVersion: 0 }).catch((error: unknown) => {
      if (isStorageError(error, 'KeyNotFound')) return storage.get<KubeObject>(namespaceKey(namespace));
      throw error;
    })).object;
  } catch (error) {
    if (isStorageError(error, 'KeyNotFound')) throw newNotFound({ group: '', resource: 'namespaces' }, namespace);
    throw error;
  }
  if (object.metadata?.deletionTimestamp) {
    throw newForbidden(
      { group: definition.group, resource: definition.resource },
      name,
      `unable to create new content in namespace ${namespace} because it is being terminated`,
    );
  }
}
