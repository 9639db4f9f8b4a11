import { newBadRequest } from '@kubekit/apimachinery';
import type { DeleteOptionsBody } from '@kubekit/registry';
import type { ApiResponse } from '../api-request.js';
import { readOptionalObject } from '../body.js';
import { negotiate } from '../negotiation.js';
import { jsonValue, storedList } from '../respond.js';
import { isTrue } from '../request-info.js';
import { type ResourceContext, integerParam, namespaceOf, writeOptions } from './context.js';
import { readListQuery, validateListQuery } from './list-options.js';
import { renderItem } from './render.js';

/** DeleteOptions from the body (kubectl sends one) and the query (curl users do). */
async function deleteOptions(context: ResourceContext): Promise<DeleteOptionsBody> {
  const body = ((await readOptionalObject(context.request, context.maxBodyBytes)) ?? {}) as DeleteOptionsBody & { kind?: string };
  if (body.kind !== undefined && body.kind !== 'DeleteOptions') {
    throw newBadRequest(`expected DeleteOptions, got ${body.kind}`);
  }
  const options: DeleteOptionsBody = { ...body };
  delete (options as { kind?: string }).kind;
  delete (options as { apiVersion?: string }).apiVersion;
  const grace = integerParam(context.query, 'gracePeriodSeconds');
  if (grace !== undefined) options.gracePeriodSeconds = grace;
  const policy = context.query.get('propagationPolicy');
  if (policy) options.propagationPolicy = policy;
  const orphan = context.query.get('orphanDependents');
  if (orphan !== null) options.orphanDependents = isTrue(orphan);
  return options;
}

/**
 * DELETE of one object. Kinds whose storage returns the deleted object answer with it; the
 * others with a success Status naming it. An object held by finalizers is returned as it is now.
 */
export async function handleDelete(context: ResourceContext): Promise<ApiResponse> {
  const representation = negotiate(context.request.header('accept'));
  const options = await deleteOptions(context);
  const write = writeOptions(context);
  const { definition } = context.store;
  const { item, deleted } = await context.store.delete(namespaceOf(context), context.info.name, options, write);
  if (!deleted || definition.returnDeletedObject) {
    return renderItem(200, item, representation, definition, context.query, context.now());
  }
  return jsonValue(
    200,
    {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: {
        name: item.object.metadata?.name ?? '',
        ...(definition.group && { group: definition.group }),
        kind: definition.resource,
        uid: item.object.metadata?.uid ?? '',
      },
    },
    representation,
  );
}

/** DELETE of a collection: every selected object; answers with the list of what was deleted. */
export async function handleDeleteCollection(context: ResourceContext): Promise<ApiResponse> {
  const representation = negotiate(context.request.header('accept'));
  const options = await deleteOptions(context);
  const write = writeOptions(context);
  const query = readListQuery(context.query, (name) => integerParam(context.query, name));
  validateListQuery(query, false);
  const namespace = namespaceOf(context);
  const items = await context.store.deleteCollection(
    {
      ...(namespace && { namespace }),
      ...(query.labelSelector && { labelSelector: query.labelSelector }),
      ...(query.fieldSelector && { fieldSelector: query.fieldSelector }),
    },
    options,
    write,
  );
  const { definition, apiVersion } = context.store;
  return storedList({ kind: definition.listKind ?? `${definition.kind}List`, apiVersion, metadata: {} }, items, representation);
}
