import { createHash } from 'node:crypto';
import {
  type ApiResourceInfo,
  type SubresourceInfo,
  aggregatedDiscovery,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  discoveryETag,
  negotiateDiscoveryMediaType,
} from '@kubekit/apimachinery';
import { ALL_VERBS, type Registry, type ResourceDefinition, builtinGroupPriorities } from '@kubekit/registry';
import type { ApiRequest, ApiResponse } from './api-request.js';
import { jsonText } from './respond.js';

const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];

/** apiserver's storageVersionHash: the first 8 bytes of sha256("group/version/kind"), base64. */
function storageVersionHash(definition: ResourceDefinition): string {
  const digest = createHash('sha256').update(`${definition.group}/${definition.version}/${definition.kind}`).digest();
  return digest.subarray(0, 8).toString('base64');
}

function resourceInfo(definition: ResourceDefinition): ApiResourceInfo {
  const subresources: SubresourceInfo[] = [];
  if (definition.statusSubresource) subresources.push({ name: 'status', kind: definition.kind, verbs: SUBRESOURCE_VERBS });
  if (definition.scale) subresources.push({ name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: SUBRESOURCE_VERBS });
  for (const action of definition.actions ?? []) subresources.push({ ...action, verbs: [...action.verbs] });
  return {
    group: definition.group,
    version: definition.version,
    resource: definition.resource,
    singularName: definition.singular,
    kind: definition.kind,
    namespaced: definition.namespaced,
    verbs: [...(definition.verbs ?? ALL_VERBS)].sort(),
    ...(definition.shortNames && { shortNames: [...definition.shortNames] }),
    ...(definition.categories && { categories: [...definition.categories] }),
    ...(subresources.length > 0 && { subresources }),
    // Kinds that are never stored (reviews) have no storage version.
    ...(!definition.ephemeral && { storageVersionHash: storageVersionHash(definition) }),
  };
}

interface Cached {
  revision: number;
  resources: ApiResourceInfo[];
  documents: Map<string, { json: string; etag?: string }>;
}

/**
 * `/api`, `/apis`, `/apis/{group}` and the per-version resource lists, in both the aggregated
 * (apidiscovery.k8s.io/v2, negotiated on Accept) and the older forms: kubectl uses the first,
 * `auth can-i` and `drain` still read `/api/v1`. Documents are built once per registry revision.
 */
export class DiscoveryDocuments {
  private cache: Cached | undefined;

  constructor(private readonly registry: Registry) {}

  private current(): Cached {
    if (!this.cache || this.cache.revision !== this.registry.revision) {
      this.cache = {
        revision: this.registry.revision,
        resources: this.registry.resources().map((store) => resourceInfo(store.definition)),
        documents: new Map(),
      };
    }
    return this.cache;
  }

  private async document(key: string, build: (resources: ApiResourceInfo[]) => unknown, withETag: boolean) {
    const cache = this.current();
    let entry = cache.documents.get(key);
    if (!entry) {
      const value = build(cache.resources);
      if (value === undefined) return undefined;
      entry = { json: JSON.stringify(value), ...(withETag && { etag: await discoveryETag(value) }) };
      cache.documents.set(key, entry);
    }
    return entry;
  }

  /** The discovery answer for `path`, or undefined when the path is not discovery. */
  async serve(path: string, request: ApiRequest): Promise<ApiResponse | undefined> {
    if (path === '/api' || path === '/apis') {
      const root = path === '/api' ? 'api' : 'apis';
      const aggregated = negotiateDiscoveryMediaType(request.header('accept'));
      if (aggregated) {
        const entry = await this.document(`${root}:${aggregated.version}`, (resources) =>
          aggregatedDiscovery(resources, root, { version: aggregated.version, priorities: builtinGroupPriorities }),
        true);
        if (!entry) return undefined;
        const headers = { 'content-type': aggregated.contentType, etag: entry.etag ?? '', vary: 'Accept', 'cache-control': 'no-cache, private' };
        if (request.header('if-none-match') === entry.etag) return { status: 304, headers };
        return { status: 200, headers, body: entry.json };
      }
      if (root === 'api') {
        // The address clients may use instead of the one they came in on: the one they came in on.
        return jsonText(200, JSON.stringify(apiVersions(request.header('host') ?? '127.0.0.1')));
      }
      const entry = await this.document('apis', (resources) => apiGroupList(resources, builtinGroupPriorities), false);
      return entry && jsonText(200, entry.json);
    }
    const match = /^\/(?:api\/(v[^/]+)|apis\/([^/]+)(?:\/([^/]+))?)$/.exec(path);
    if (!match) return undefined;
    const [, coreVersion, group, groupVersion] = match;
    const entry = coreVersion
      ? await this.document(`/api/${coreVersion}`, (resources) => apiResourceList(resources, '', coreVersion), false)
      : groupVersion
        ? await this.document(`/apis/${group}/${groupVersion}`, (resources) => apiResourceList(resources, group!, groupVersion), false)
        : await this.document(`/apis/${group}`, (resources) => apiGroup(resources, group!, builtinGroupPriorities), false);
    return entry && jsonText(200, entry.json);
  }
}
