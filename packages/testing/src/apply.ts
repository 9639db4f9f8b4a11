import type { KindType, KubeServer } from '@kubekit/server';
import type { Manifest } from './manifests.js';

/** The field manager `apply` records its fields under (see `managedFields`). */
export const FIELD_MANAGER = 'kubekit-testing';

/** Any object, as the in-process client reads and writes it. */
export type KubeObject = KindType<string, string>;

/**
 * Applies manifests in order, as `kubectl apply --server-side --force-conflicts` does: an object
 * that does not exist is created, one that does gets the manifest's fields merged in (fields set
 * by others stay), with `kubekit-testing` as the field manager taking over conflicting fields.
 * A namespaced object without a namespace goes to `default`, as with kubectl. A manifest with a
 * `generateName` and no name is created (apply needs a name). Answers the objects as stored.
 */
export async function applyManifests(server: Pick<KubeServer, 'registry' | 'client'>, manifests: readonly Manifest[]): Promise<KubeObject[]> {
  const applied: KubeObject[] = [];
  for (const manifest of manifests) {
    const { apiVersion, kind } = manifest;
    const store = server.registry.resourceFor(apiVersion, kind);
    // kubectl's wording for a kind the server does not serve.
    if (!store) throw new Error(`no matches for kind "${kind}" in version "${apiVersion}"`);
    const namespace = store.definition.namespaced ? (manifest.metadata?.namespace ?? 'default') : undefined;
    const client = server.client.kind(apiVersion, kind);
    const object = manifest as KubeObject;
    if (!manifest.metadata?.name && manifest.metadata?.generateName) applied.push(await client.create(object, { namespace }));
    else applied.push(await client.apply(object, { fieldManager: FIELD_MANAGER, force: true, namespace }));
  }
  return applied;
}
