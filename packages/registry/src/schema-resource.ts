import { sameJson, toJsonCopy } from '@kubekit/store';
import type { KubeObject } from './kube-object.js';
import type { FromStorage } from './stored-view.js';
import type { ObjectDecoder, ResourceDefinition, ScaleSubresource, Strategy, TableColumn } from './resource-definition.js';
import { type JsonSchemaProps, applyDefaults, pruneUnknown, validateSchema } from './structural-schema.js';

/** A kind outside the built-in catalogue, as a CRD version or `defineResource` declares it. */
export interface ResourceDeclaration<T extends KubeObject = KubeObject> {
  group: string;
  version: string;
  kind: string;
  /** The lower-case plural of the paths. */
  plural: string;
  /** Default: the kind in lower case. */
  singular?: string;
  /** Default: the kind with `List`. */
  listKind?: string;
  scope: 'Namespaced' | 'Cluster';
  shortNames?: readonly string[];
  categories?: readonly string[];
  subresources?: { status?: boolean; scale?: ScaleSubresource };
  /** `kubectl get` columns after NAME; AGE alone without them. */
  columns?: readonly TableColumn<T>[];
  /** Rules of its own, run besides the schema's (its validation after the schema's). */
  strategy?: Strategy<T>;
}

/**
 * The one way a kind outside the built-in catalogue becomes a ResourceDefinition: its structural
 * schema (JSON Schema, as a CRD's openAPIV3Schema) prunes unknown fields and applies defaults
 * when a body is read, validates every write with kube-openapi's messages, and is its OpenAPI
 * schema. Without a schema, objects are kept as written.
 */
export function declareResource<T extends KubeObject>(declaration: ResourceDeclaration<T>, schema?: JsonSchemaProps): ResourceDefinition<T> {
  const { subresources, strategy } = declaration;
  return {
    group: declaration.group,
    version: declaration.version,
    kind: declaration.kind,
    resource: declaration.plural,
    singular: declaration.singular || declaration.kind.toLowerCase(),
    listKind: declaration.listKind || `${declaration.kind}List`,
    namespaced: declaration.scope === 'Namespaced',
    ...(declaration.shortNames?.length && { shortNames: declaration.shortNames }),
    ...(declaration.categories?.length && { categories: declaration.categories }),
    ...(subresources?.status && { statusSubresource: true }),
    ...(subresources?.scale && { scale: subresources.scale }),
    ...(declaration.columns?.length && { columns: declaration.columns }),
    // API Conventions: generation counts changes of desired state, for every custom resource.
    generation: true,
    ...(schema && { decoder: schemaDecoder(schema), openApiSchema: schema as Record<string, unknown> }),
    fromStorage: storedVersion<T>(declaration.group ? `${declaration.group}/${declaration.version}` : declaration.version, schema),
    strategy: declaredStrategy(strategy, schema, subresources?.status === true),
  };
}

/**
 * The custom resource strategy around a declaration's own: a kind with `/status` drops status
 * on create (customResourceStrategy.PrepareForCreate), and the schema validates before the
 * declaration's own rules.
 */
function declaredStrategy<T extends KubeObject>(own: Strategy<T> | undefined, schema: JsonSchemaProps | undefined, statusSubresource: boolean): Strategy<T> {
  return {
    ...own,
    prepareForCreate(object, context) {
      if (statusSubresource) delete (object as { status?: unknown }).status;
      own?.prepareForCreate?.(object, context);
    },
    validate: (object) => [...(schema ? validateSchema(object, schema) : []), ...(own?.validate?.(object) ?? [])],
  };
}

/** A body read through a structural schema: unknown fields pruned, then defaults applied. */
function schemaDecoder(schema: JsonSchemaProps): ObjectDecoder {
  return {
    decode(body) {
      // The body may share members with a stored (frozen) object, as a patched one does.
      const object = toJsonCopy(body) as KubeObject;
      const unknownFields = pruneUnknown(object, schema);
      applyDefaults(object, schema);
      return { object, unknownFields };
    },
  };
}

/**
 * A stored object as this version reads it. Versions of a CRD share one store (`conversion:
 * None`): an object written through another version reads with this one's apiVersion, nothing
 * else converted. Defaults apply when an object is read from storage too, so a default added to
 * the schema after an object was written shows on the next read.
 */
function storedVersion<T extends KubeObject>(apiVersion: string, schema: JsonSchemaProps | undefined): FromStorage<T> {
  return (stored) => {
    if (stored.apiVersion === apiVersion && !schema) return undefined;
    const object = toJsonCopy(stored) as T;
    object.apiVersion = apiVersion;
    if (schema) applyDefaults(object, schema);
    return stored.apiVersion === apiVersion && sameJson(object, stored) ? undefined : object;
  };
}
