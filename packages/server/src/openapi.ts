import { createHash } from 'node:crypto';
import { type Registry, type ResourceDefinition, apiVersionOf } from '@kubekit/registry';
import { findKind } from '@kubekit/types';
import type { ApiRequest, ApiResponse } from './api-request.js';
import { mountPrefix } from './mount.js';
import { swaggerDocument } from './openapi-v2.js';
import { jsonText } from './respond.js';
import type { VersionInfo } from './version.js';

const PATCH_ID = 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch';
const STATUS_ID = 'io.k8s.apimachinery.pkg.apis.meta.v1.Status';
const PATCH_TYPES = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];

type Operation = Record<string, unknown>;

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const queryParameter = (name: string, description: string, type = 'string') => ({
  name,
  in: 'query',
  description,
  schema: { type, uniqueItems: true },
});

// Query parameters of writes, as the real documents declare them per operation. kubectl looks
// for `fieldValidation` on a PATCH operation of the object's kind before it sends
// `fieldValidation=Strict` (WIRE.md: the field-validation check).
const DRY_RUN = queryParameter('dryRun', 'When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed');
const FIELD_MANAGER = queryParameter('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.');
const FIELD_VALIDATION = queryParameter(
  'fieldValidation',
  'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict',
);
const FORCE = queryParameter('force', 'Force is going to "force" Apply requests.', 'boolean');

const OBJECT_META_ID = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/**
 * The schema id of a kind: the types' facts table's (`io.k8s.api.core.v1.Pod`), or, for a kind
 * outside it, the reversed group as the real server names custom resources (`dev.zeng.hello.v1.Foo`).
 */
function schemaIdOf(definition: Pick<ResourceDefinition, 'group' | 'version' | 'kind'>): { id: string; known: boolean } {
  const known = findKind({ group: definition.group, version: definition.version, kind: definition.kind })?.id;
  if (known) return { id: known, known: true };
  return { id: [...definition.group.split('.').reverse(), definition.version, definition.kind].join('.'), known: false };
}

/**
 * The schema of a kind outside the facts table: its definition's own (a CRD version's
 * openAPIV3Schema), or else an object whose fields are kept as written
 * (`x-kubernetes-preserve-unknown-fields`), so kubectl finds the kind and accepts its content.
 */
function openSchema(definition: ResourceDefinition, schemas: Record<string, unknown>): Record<string, unknown> {
  const own = definition.openApiSchema;
  const ownProperties = (own?.properties ?? {}) as Record<string, unknown>;
  return {
    ...(own ?? { 'x-kubernetes-preserve-unknown-fields': true }),
    type: 'object',
    properties: {
      apiVersion: { type: 'string', description: API_VERSION_DESCRIPTION },
      kind: { type: 'string', description: KIND_DESCRIPTION },
      ...(schemas[OBJECT_META_ID] !== undefined && { metadata: { allOf: [ref(OBJECT_META_ID)], default: {}, description: METADATA_DESCRIPTION } }),
      ...ownProperties,
    },
    'x-kubernetes-group-version-kind': [{ group: definition.group, version: definition.version, kind: definition.kind }],
  };
}

// The descriptions the real server gives the object fields of every custom resource's schema
// (from the Kubernetes OpenAPI documents, Apache-2.0).
const API_VERSION_DESCRIPTION =
  'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.';
const KIND_DESCRIPTION =
  'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase.';
const METADATA_DESCRIPTION = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

function operations(definition: ResourceDefinition, schemaId: string): Record<string, Record<string, Operation>> {
  const gvk = { group: definition.group, version: definition.version, kind: definition.kind };
  const object = { content: { 'application/json': { schema: ref(schemaId) } } };
  const op = (action: string, extra: Operation = {}): Operation => ({
    responses: { '200': { description: 'OK', ...object }, '401': { description: 'Unauthorized' } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    ...extra,
  });
  const write = (action: string, status: string): Operation =>
    op(action, {
      parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION],
      requestBody: { content: { '*/*': { schema: ref(schemaId) } }, required: true },
      responses: { [status]: { description: 'OK', ...object } },
    });
  const patch = op('patch', {
    parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE],
    requestBody: { content: Object.fromEntries(PATCH_TYPES.map((type) => [type, { schema: ref(PATCH_ID) }])), required: true },
  });
  const remove = op('delete', { responses: { '200': { description: 'OK', content: { 'application/json': { schema: ref(STATUS_ID) } } } } });
  const base = definition.group === '' ? `/api/${definition.version}` : `/apis/${definition.group}/${definition.version}`;
  const collection = definition.namespaced ? `${base}/namespaces/{namespace}/${definition.resource}` : `${base}/${definition.resource}`;
  const paths: Record<string, Record<string, Operation>> = {
    [collection]: { get: op('list'), post: write('post', '201'), delete: op('deletecollection') },
    [`${collection}/{name}`]: { get: op('get'), put: write('put', '200'), patch, delete: remove },
  };
  if (definition.statusSubresource) {
    paths[`${collection}/{name}/status`] = { get: op('get'), put: write('put', '200'), patch };
  }
  if (definition.namespaced) paths[`${base}/${definition.resource}`] = { get: op('list') };
  return paths;
}

/**
 * OpenAPI v3 (`/openapi/v3` and its per-group-version documents): the schemas of the served
 * kinds, converted from the zod schemas that validate them, and the operations kubectl reads to
 * decide on server-side field validation. Built on first request, then kept per registry revision.
 */
export class OpenApiDocuments {
  private revision = -1;
  /** The index (`/openapi/v3`) by the base path it is printed for. */
  private readonly indexes = new Map<string, string>();
  private swagger: string | undefined;
  private readonly documents = new Map<string, string>();

  constructor(
    private readonly registry: Registry,
    private readonly version: VersionInfo,
  ) {}

  /** The served group versions by document path (`api/v1`, `apis/apps/v1`). */
  private groupVersions(): Map<string, ResourceDefinition[]> {
    const byPath = new Map<string, ResourceDefinition[]>();
    for (const { definition } of this.registry.resources()) {
      const path = definition.group === '' ? `api/${definition.version}` : `apis/${apiVersionOf(definition)}`;
      byPath.set(path, [...(byPath.get(path) ?? []), definition]);
    }
    return byPath;
  }

  private refresh(): void {
    if (this.revision === this.registry.revision) return;
    this.revision = this.registry.revision;
    this.indexes.clear();
    this.swagger = undefined;
    this.documents.clear();
  }

  /**
   * The index's URLs are resolved against the host, not the server URL (client-go's
   * `RequestURI(serverRelativeURL)` replaces the whole path), so they carry the base path.
   */
  private indexJson(prefix: string): string {
    const cached = this.indexes.get(prefix);
    if (cached !== undefined) return cached;
    const index = JSON.stringify({
      paths: Object.fromEntries(
        [...this.groupVersions()].map(([path, definitions]) => {
          // The hash only has to change when the document does: it depends on what is served and the server's version.
          // A custom resource's schema can change while it is served (a CRD update): it is part of the document.
          const identity = `${this.version.gitVersion}|${definitions.map((d) => `${d.kind}/${d.resource}${d.openApiSchema ? JSON.stringify(d.openApiSchema) : ''}`).join(',')}`;
          const hash = createHash('sha512').update(identity).digest('hex').toUpperCase();
          return [path, { serverRelativeURL: `${prefix}/openapi/v3/${path}?hash=${hash}` }];
        }),
      ),
    });
    this.indexes.set(prefix, index);
    return index;
  }

  private async document(path: string): Promise<string | undefined> {
    const cached = this.documents.get(path);
    if (cached) return cached;
    const definitions = this.groupVersions().get(path);
    if (!definitions) return undefined;
    const { group, version } = definitions[0]!;
    const { openApiComponents } = await import('@kubekit/types/schema');
    const schemas: Record<string, unknown> = { ...openApiComponents(group, version).schemas };
    schemas[PATCH_ID] ??= { description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.', type: 'object' };
    const paths: Record<string, unknown> = {};
    for (const definition of definitions) {
      const { id, known } = schemaIdOf(definition);
      if (!known) schemas[id] ??= openSchema(definition, schemas);
      Object.assign(paths, operations(definition, id));
    }
    const json = JSON.stringify({
      openapi: '3.0.0',
      info: { title: 'Kubernetes', version: this.version.gitVersion },
      paths,
      components: { schemas },
    });
    this.documents.set(path, json);
    return json;
  }

  private async swaggerJson(): Promise<string> {
    if (this.swagger === undefined) {
      const documents = [];
      for (const path of this.groupVersions().keys()) documents.push(JSON.parse((await this.document(path))!));
      this.swagger = JSON.stringify(swaggerDocument(documents, this.version.gitVersion));
    }
    return this.swagger;
  }

  async serve(path: string, request: ApiRequest): Promise<ApiResponse | undefined> {
    this.refresh();
    if (path === '/openapi/v2') {
      // The v2 document is served as JSON. A client that accepts only its protobuf form (client-go's
      // OpenAPISchema) is answered 404, which it takes as "no v2 document" and goes on with v3.
      const accept = request.header('accept');
      if (accept && !/json|\*\/\*/.test(accept)) return undefined;
      return jsonText(200, await this.swaggerJson());
    }
    if (path === '/openapi/v3') return jsonText(200, this.indexJson(mountPrefix(request.basePath)));
    if (!path.startsWith('/openapi/v3/')) return undefined;
    const json = await this.document(path.slice('/openapi/v3/'.length));
    if (json === undefined) return undefined;
    const response = jsonText(200, json);
    response.headers['cache-control'] = 'public, immutable';
    return response;
  }
}
