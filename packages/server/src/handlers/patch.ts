import { StatusError, newBadRequest, newUnsupportedMediaType } from '@kubekit/apimachinery';
import { PatchError, type StrategicMergeSchema, applyJsonPatch, applyMergePatch, applyStrategicMergePatch, strategicMergeSchemaFor } from '@kubekit/patch';
import type { KubeObject } from '@kubekit/registry';
import type { ApiResponse } from '../api-request.js';
import { readBody } from '../body.js';
import { negotiate } from '../negotiation.js';
import { jsonValue, withWarnings } from '../respond.js';
import { type ResourceContext, namespaceOf, writeOptions } from './context.js';
import { duplicateFields } from '../duplicate-fields.js';
import { decodeBody } from './decode.js';
import { renderItem } from './render.js';
import { scaleOf, withScale } from './scale.js';
import { APPLY_PATCH, handleApply, validatePatchOptions } from './apply.js';

const JSON_PATCH = 'application/json-patch+json';
const MERGE_PATCH = 'application/merge-patch+json';
const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';

type Patcher = (current: Readonly<KubeObject>) => KubeObject;

const STATUS_OF_PATCH_ERROR: Record<PatchError['code'], number> = {
  BadRequest: 400,
  Invalid: 422,
  Conflict: 409,
  RequestEntityTooLarge: 413,
  InternalError: 500,
};

/** A refused patch as the apiserver answers it; errors it does not translate are 500 with no reason. */
function toStatus(error: unknown): unknown {
  if (!(error instanceof PatchError)) return error;
  const code = STATUS_OF_PATCH_ERROR[error.code];
  return new StatusError({
    code,
    ...(error.code !== 'InternalError' && { reason: error.code }),
    // NewGenericServerResponse (a failed JSON patch operation) writes empty details.
    ...(error.code === 'Invalid' && { details: {} }),
    message: error.message,
  });
}

function parsePatch(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw newBadRequest(`error decoding patch: ${(error as Error).message}`);
  }
}

/**
 * The patch types a resource accepts (handlers/patch.go), in the order a 415 names them:
 * strategic merge only for kinds with patch metadata (built-ins); custom resources answer 415,
 * so kubectl falls back to merge patch.
 */
function acceptedPatchTypes(schema: StrategicMergeSchema | undefined): string[] {
  return [JSON_PATCH, MERGE_PATCH, ...(schema ? [STRATEGIC_MERGE_PATCH] : []), APPLY_PATCH];
}

/** The transform of one of the accepted non-apply patch types. */
function patcherFor(contentType: string, patch: unknown, schema: StrategicMergeSchema | undefined, maxBytes: number): Patcher {
  if (contentType === JSON_PATCH) return (current) => applyJsonPatch(current as KubeObject, patch, { maxBytes });
  if (contentType === STRATEGIC_MERGE_PATCH && schema) return (current) => applyStrategicMergePatch(current as KubeObject, patch, schema);
  return (current) => applyMergePatch(current as KubeObject, patch);
}

/** Whether a JSON pointer reaches into `metadata.managedFields` (or replaces what holds it). */
function reachesManagedFields(pointer: unknown): boolean {
  return typeof pointer === 'string' && (pointer === '' || pointer === '/metadata' || pointer.startsWith('/metadata/managedFields'));
}

/**
 * Whether a patch may change the managed fields. Most do not: then the object is patched and
 * decoded without them and gets the stored list back, as large as it often is.
 */
function touchesManagedFields(contentType: string, patch: unknown): boolean {
  if (contentType === JSON_PATCH) {
    return !Array.isArray(patch) || patch.some((op: unknown) => typeof op !== 'object' || op === null || reachesManagedFields((op as { path?: unknown }).path) || reachesManagedFields((op as { from?: unknown }).from));
  }
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return true;
  const metadata = (patch as { metadata?: unknown }).metadata;
  return metadata !== undefined && (typeof metadata !== 'object' || metadata === null || 'managedFields' in metadata);
}

function withoutManagedFields(object: Readonly<KubeObject>): KubeObject {
  if (!object.metadata?.managedFields) return object as KubeObject;
  const { managedFields: _kept, ...metadata } = object.metadata;
  return { ...object, metadata };
}

/**
 * PATCH of an object, its `/status` or its `/scale`: the patch is the transform of a
 * guaranteedUpdate, so on a conflict it is applied again to the fresh object. The result is
 * decoded as a body would be (unknown fields, fieldValidation), then takes the update path.
 */
export async function handlePatch(context: ResourceContext): Promise<ApiResponse> {
  const representation = negotiate(context.request.header('accept'));
  const options = writeOptions(context);
  const contentType = (context.request.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  // handlers/patch.go: an unsupported type is 415 first; the body, then PatchOptions, after.
  const schema = strategicMergeSchemaFor(context.store.definition);
  const accepted = acceptedPatchTypes(schema);
  if (!accepted.includes(contentType)) throw newUnsupportedMediaType(accepted);
  const bytes = await readBody(context.request, context.maxBodyBytes);
  validatePatchOptions(context, contentType);
  if (contentType === APPLY_PATCH) return handleApply(context, bytes, representation);
  const text = bytes.toString('utf8');
  const patch = parsePatch(text);
  // The patch document itself is read strictly too: a key given twice is a duplicate field.
  const duplicates = duplicateFields(text, patch);
  const patcher = patcherFor(contentType, patch, schema, context.maxBodyBytes);
  const keepsManagedFields = !touchesManagedFields(contentType, patch);
  const { subresource } = context.info;
  const { definition } = context.store;
  let warnings: string[] = [];
  const transform = (current: Readonly<KubeObject>): KubeObject => {
    try {
      if (subresource === 'scale') return withScale(definition, current, patcher(scaleOf(definition, current)));
      const target = keepsManagedFields ? withoutManagedFields(current) : current;
      // Every patcher builds its result anew (a copy of the object, copies of the patch's values),
      // so it is decoded in place, as a body just parsed is.
      const decoded = decodeBody(context, patcher(target) as Record<string, unknown>, context.store.definition, duplicates, true);
      warnings = decoded.warnings;
      const managedFields = current.metadata?.managedFields;
      if (keepsManagedFields && managedFields && decoded.object.metadata) decoded.object.metadata.managedFields = managedFields;
      return decoded.object;
    } catch (error) {
      throw toStatus(error);
    }
  };
  const item = await context.store.update(namespaceOf(context), context.info.name, transform, {
    ...options,
    ...(subresource && { subresource }),
  });
  if (subresource === 'scale') return jsonValue(200, scaleOf(definition, item.object), representation);
  return withWarnings(renderItem(200, item, representation, definition, context.query, context.now()), warnings);
}
