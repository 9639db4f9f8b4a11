import type { ApiResponse } from '../api-request.js';
import { negotiate } from '../negotiation.js';
import { type ResourceContext, namespaceOf, writeOptions } from './context.js';
import { withWarnings } from '../respond.js';
import { readObjectBody } from './decode.js';
import { renderItem } from './render.js';

/** PUT of an object or its `/status`: the body replaces the stored object (optimistic concurrency on resourceVersion). */
export async function handleUpdate(context: ResourceContext): Promise<ApiResponse> {
  const representation = negotiate(context.request.header('accept'));
  const options = writeOptions(context);
  const { object: body, warnings } = await readObjectBody(context);
  const item = await context.store.update(namespaceOf(context), context.info.name, () => body, {
    ...options,
    ...(context.info.subresource && { subresource: context.info.subresource }),
  });
  return withWarnings(renderItem(200, item, representation, context.store.definition, context.query, context.now()), warnings);
}
