/**
 * `@kubekit/patch`: the apiserver's patch types as pure functions (object in, new object out):
 * JSON patch (RFC 6902), JSON merge patch (RFC 7386) and strategic merge patch, with the real
 * server's semantics and error wording.
 */
export { PatchError, type PatchErrorCode } from './patch-error.js';
export { applyJsonPatch, DEFAULT_MAX_COPY_BYTES, type JsonPatchOptions } from './json-patch/apply-json-patch.js';
export { MAX_JSON_PATCH_OPERATIONS } from './json-patch/decode.js';
export { applyMergePatch } from './merge-patch.js';
export { createMergePatch } from './create-merge-patch.js';
export {
  strategicMergeSchemaFor,
  type FieldPatchMeta,
  type StrategicMergeSchema,
} from './strategic/schema.js';
export { applyStrategicMergePatch } from './strategic/apply-strategic-merge-patch.js';
export * from './apply/index.js';
