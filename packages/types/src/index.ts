export * from './gvk.js';
export * from './json.js';
export * from './well-known.js';
export type * from './facts/model.js';
export { getTypeFacts, requireTypeFacts, findKind, listKinds, structIdsOf } from './facts/lookup.js';
export { SPECIAL_TYPE_IDS, specialKindOf, type SpecialKind } from './facts/special-types.js';
export { schemaFor, schemaForId, kubeMetadata, type KubeSchemaMeta } from './schema/zod-schemas.js';
export { openApiComponents, openApiSchemas } from './schema/openapi.js';
export { decodeObject, decodeStruct, type DecodeError, type DecodeResult } from './schema/decode-object.js';
