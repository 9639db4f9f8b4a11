import type { ApiResponse } from '../api-request.js';
import { decodeObject, readBody } from '../body.js';
import { negotiate } from '../negotiation.js';
import { type ResourceContext, namespaceOf, writeOptions } from './context.js';
import { renderItem } from './render.js';

/** PUT of an object or its `/status`: the body replaces the stored object (optimistic concurrency on resourceVersion). */
export async function handleUpdate(context: ResourceContext): Promise<ApiResponse> {
  const representation = negotiate(context.request.header('accept'));
  const options = writeOptions(context);
  const body = decodeObject(await readBody(context.request, context.maxBodyBytes), context.request.header('content-type'));
  const item = await context.store.update(namespaceOf(context), context.info.name, () => body, {
    ...options,
    ...(context.info.subresource && { subresource: context.info.subresource }),
  });
  return renderItem(200, item, representation, context.store.definition, context.query, context.now());
}
