/**
 * OpenAPI v2 (Swagger 2.0) from the v3 documents: the one `/openapi/v2` document the real server
 * serves beside the per-group-version v3 ones. Schemas move from `components.schemas` to
 * `definitions`; an operation's request body becomes a `body` parameter, its parameters and
 * responses carry their schema inline, and the content types become `consumes`.
 */

interface V3Document {
  paths: Record<string, Record<string, V3Operation>>;
  components: { schemas: Record<string, unknown> };
}

interface V3Operation {
  parameters?: { name: string; in: string; description?: string; schema?: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: unknown }>; required?: boolean };
  responses?: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
  [extension: string]: unknown;
}

const PRODUCES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

export function swaggerDocument(documents: readonly V3Document[], version: string): Record<string, unknown> {
  const definitions: Record<string, unknown> = {};
  const paths: Record<string, unknown> = {};
  for (const document of documents) {
    for (const [id, schema] of Object.entries(document.components.schemas)) definitions[id] ??= v2Refs(schema);
    for (const [path, item] of Object.entries(document.paths)) {
      paths[path] = {
        ...Object.fromEntries(Object.entries(item).map(([method, operation]) => [method, v2Operation(operation)])),
        parameters: pathParameters(path),
      };
    }
  }
  return { swagger: '2.0', info: { title: 'Kubernetes', version }, paths, definitions };
}

function v2Operation(operation: V3Operation): Record<string, unknown> {
  const { parameters = [], requestBody, responses = {}, ...extensions } = operation;
  const body = requestBody && Object.values(requestBody.content)[0];
  return {
    consumes: requestBody ? Object.keys(requestBody.content) : ['*/*'],
    produces: PRODUCES,
    schemes: ['https'],
    parameters: [
      ...(body ? [{ name: 'body', in: 'body', required: requestBody.required ?? false, schema: v2Refs(body.schema) }] : []),
      ...parameters.map(({ schema, ...parameter }) => ({ ...parameter, ...schema })),
    ],
    responses: Object.fromEntries(
      Object.entries(responses).map(([code, { description, content }]) => {
        const schema = content && Object.values(content)[0]?.schema;
        return [code, { description, ...(schema !== undefined && { schema: v2Refs(schema) }) }];
      }),
    ),
    ...extensions,
  };
}

/** The `{name}` and `{namespace}` of a path, declared once for its operations. */
function pathParameters(path: string): Record<string, unknown>[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    type: 'string',
    uniqueItems: true,
    description: name === 'namespace' ? 'object name and auth scope, such as for teams and projects' : `name of the object`,
  }));
}

/**
 * A schema in Swagger 2.0 terms: references point into `definitions`, and a `oneOf` (which 2.0
 * lacks; Quantity and IntOrString use it) is a string, as those two are in the real v2 document.
 */
function v2Refs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(v2Refs);
  if (typeof schema !== 'object' || schema === null) return schema;
  const entries = Object.entries(schema).map(([key, value]): [string, unknown] =>
    key === '$ref' && typeof value === 'string' ? [key, value.replace('#/components/schemas/', '#/definitions/')] : key === 'oneOf' ? ['type', 'string'] : [key, v2Refs(value)],
  );
  return Object.fromEntries(entries);
}
