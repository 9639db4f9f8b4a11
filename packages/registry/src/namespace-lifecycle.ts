import { newForbidden, newNotFound } from '@kubekit/apimachinery';
import { type Storage, isStorageError } from '@kubekit/store';
import type { AdmissionPlugin } from './admission.js';
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
    async admit(attributes) {
      const { definition, operation, namespace, name } = attributes;
      const resource = { group: definition.group, resource: definition.resource };
      if (operation === 'DELETE' && definition.group === '' && definition.resource === 'namespaces' && IMMORTAL_NAMESPACES.has(name)) {
        throw newForbidden(resource, name, 'this namespace may not be deleted');
      }
      if (operation !== 'CREATE' || !definition.namespaced || !namespace) return;
      let object: Readonly<KubeObject>;
      try {
        object = (await storage.get<KubeObject>(namespaceKey(namespace))).object;
      } catch (error) {
        if (isStorageError(error, 'KeyNotFound')) throw newNotFound({ group: '', resource: 'namespaces' }, namespace);
        throw error;
      }
      if (object.metadata?.deletionTimestamp) {
        throw newForbidden(
          resource,
          name,
          `unable to create new content in namespace ${namespace} because it is being terminated`,
        );
      }
    },
  };
}
