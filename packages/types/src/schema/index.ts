/**
 * `@kubekit/types/schema`: zod schemas of the built-in kinds and the OpenAPI documents converted
 * from them. A subpath of its own because loading zod takes ~100 ms; import it when needed.
 */
export { schemaFor, schemaForId, kubeMetadata, type KubeSchemaMeta } from './zod-schemas.js';
export { openApiComponents, openApiSchemas } from './openapi.js';
