import { fieldForbidden, fieldRequired, newBadRequest, newInvalid } from '@kubekit/apimachinery';
import type { KubeObject } from '@kubekit/registry';
import { parse as parseYaml } from 'yaml';
import type { ApiResponse } from '../api-request.js';
import { duplicateFields } from '../duplicate-fields.js';
import type { Representation } from '../negotiation.js';
import { jsonValue } from '../respond.js';
import { type ResourceContext, namespaceOf, writeOptions } from './context.js';
import { renderItem } from './render.js';
import { scaleOf } from './scale.js';

export const APPLY_PATCH = 'application/apply-patch+yaml';

/**
 * ValidatePatchOptions: an apply names its field manager; `force` belongs to applies only.
 * Both are 422 Invalid on PatchOptions, before the object is looked up.
 */
export function validatePatchOptions(context: ResourceContext, contentType: string): void {
  const errors = [];
  if (contentType === APPLY_PATCH) {
    if (!context.query.get('fieldManager')) errors.push(fieldRequired('fieldManager', 'is required for apply patch'));
  } else if (context.query.has('force')) {
    errors.push(fieldForbidden('force', 'may not be specified for non-apply patch'));
  }
  if (errors.length > 0) throw newInvalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', errors);
}

/** The query's `force`: Go's strconv.ParseBool values. */
function forceOf(query: URLSearchParams): boolean {
  const value = query.get('force');
  if (value === null || value === '') return false;
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) return false;
  throw newBadRequest(`invalid value for force: ${value}: strconv.ParseBool: parsing "${value}": invalid syntax`);
}

/**
 * A JSON text read as JSON: kubectl and helm send their applies as JSON, which YAML's parser
 * reads some fifty times slower. Undefined when the text is not plain JSON, or holds a key twice
 * (YAML's parser refuses that with its own message), so YAML reads it as before.
 */
function parseJsonConfiguration(text: string): unknown {
  if (!text.trimStart().startsWith('{')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return duplicateFields(text, value).length === 0 ? value : undefined;
}

/** An apply body: YAML (or JSON, which is YAML) holding one object. */
function parseConfiguration(bytes: Buffer): KubeObject {
  const text = bytes.toString('utf8');
  let value: unknown = parseJsonConfiguration(text);
  try {
    value ??= parseYaml(text);
  } catch (error) {
    throw newBadRequest(`error decoding YAML: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw newBadRequest('error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal into Go value of type map[string]interface {}');
  }
  return value as KubeObject;
}

/**
 * A Scale applied to `/scale` is applied to its object as a configuration of just the replicas,
 * recorded for the `scale` subresource (the real server converts managed fields the same way).
 */
function scaleConfiguration(context: ResourceContext, scale: KubeObject): KubeObject {
  const { definition } = context.store;
  if (scale.apiVersion !== 'autoscaling/v1' || scale.kind !== 'Scale') {
    throw newBadRequest(`invalid object type: ${scale.apiVersion ?? ''}, Kind=${scale.kind ?? ''}`);
  }
  const config: Record<string, unknown> = { apiVersion: context.store.apiVersion, kind: definition.kind, metadata: { name: context.info.name } };
  const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas;
  if (replicas !== undefined) {
    const parts = definition.scale!.specReplicasPath.split('.');
    let target = config;
    for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
    target[parts.at(-1)!] = replicas;
  }
  return config as KubeObject;
}

/**
 * PATCH with `application/apply-patch+yaml` (server-side apply): 201 when it created the
 * object, 200 otherwise; on `/status` and `/scale` too.
 */
export async function handleApply(context: ResourceContext, bytes: Buffer, representation: Representation): Promise<ApiResponse> {
  const { subresource } = context.info;
  const { definition } = context.store;
  const parsed = parseConfiguration(bytes);
  const config = subresource === 'scale' ? scaleConfiguration(context, parsed) : parsed;
  const { item, created } = await context.store.apply(namespaceOf(context), context.info.name, config, {
    ...writeOptions(context),
    force: forceOf(context.query),
    ...(subresource && { subresource }),
  });
  if (subresource === 'scale') return jsonValue(200, scaleOf(definition, item.object), representation);
  return renderItem(created ? 201 : 200, item, representation, definition, context.query, context.now());
}
