import { z } from 'zod';
import type { KubeObject } from './kube-object.js';
import type { ResourceDefinition } from './resource-definition.js';
import { type ResourceDeclaration, declareResource } from './schema-resource.js';
import type { JsonSchemaProps } from './structural-schema.js';

export interface DefineResourceOptions<T extends KubeObject = KubeObject> extends ResourceDeclaration<T> {
  /**
   * The object's own fields (`spec`, `status`, …) as a zod object schema; `apiVersion`, `kind`
   * and `metadata` come with every kind. It prunes, defaults and validates as a CRD's schema does,
   * and is the kind's OpenAPI schema (descriptions from `.describe()`).
   */
  schema?: z.ZodType;
}

/**
 * A kind of your own, declared once: CRUD, watch, every patch type but strategic merge,
 * server-side apply, discovery, OpenAPI and Table come from the registry. Pass the result to
 * `registry.register()` or to `resources`. A CRD version goes through the same declaration.
 */
export function defineResource<T extends KubeObject = KubeObject>(options: DefineResourceOptions<T>): ResourceDefinition<T> {
  const { schema, ...declaration } = options;
  // The input side: a field with a default is optional in what clients send.
  const jsonSchema = schema && (z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }) as JsonSchemaProps & { $schema?: string });
  if (jsonSchema) delete jsonSchema.$schema;
  return declareResource(declaration, jsonSchema);
}
