import { isStatusError } from '@kubekit/apimachinery';
import type { KindType, KubeServer } from '@kubekit/server';
import { type ManifestDocument, ManifestError, readManifestPath } from '@kubekit/testing/manifests';

export { type ManifestDocument, ManifestError } from '@kubekit/testing/manifests';

/**
 * The manifests of `--seed`: a YAML or JSON file (one or more documents), or a directory's
 * `*.yaml`, `*.yml` and `*.json` files in name order. Errors name the file and the document.
 */
export function readSeed(path: string): Promise<ManifestDocument[]> {
  return readManifestPath(path);
}

/**
 * Applies the manifests in order through the in-process client: each is created, or updated
 * when it already exists. A namespaced object without a namespace goes to `default`, as with
 * kubectl. A manifest the server refuses is a ManifestError naming its file and document.
 */
export async function applySeed(server: Pick<KubeServer, 'registry' | 'client'>, documents: readonly ManifestDocument[]): Promise<void> {
  for (const { manifest, origin } of documents) {
    const { apiVersion, kind } = manifest;
    const store = server.registry.resourceFor(apiVersion, kind);
    // kubectl's wording for a kind the server does not serve.
    if (!store) throw new ManifestError(origin, `no matches for kind "${kind}" in version "${apiVersion}"`);
    const object = manifest as KindType<string, string>;
    const namespaced = store.definition.namespaced ? { ...object, metadata: { ...object.metadata, namespace: object.metadata?.namespace ?? 'default' } } : object;
    const client = server.client.kind(apiVersion, kind);
    try {
      try {
        await client.create(namespaced);
      } catch (error) {
        if (!isStatusError(error, 'AlreadyExists')) throw error;
        await client.update(namespaced);
      }
    } catch (error) {
      throw new ManifestError(origin, error instanceof Error ? error.message : String(error));
    }
  }
}
