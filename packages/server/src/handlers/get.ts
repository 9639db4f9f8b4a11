import type { ApiResponse } from '../api-request.js';
import { negotiate } from '../negotiation.js';
import { type ResourceContext, namespaceOf } from './context.js';
import { renderItem } from './render.js';

/** GET of one object (and of its `/status`, which reads the same object). */
export async function handleGet(context: ResourceContext): Promise<ApiResponse> {
  const representation = negotiate(context.request.header('accept'), { transforms: true });
  const item = await context.store.get(namespaceOf(context), context.info.name);
  return renderItem(200, item, representation, context.store.definition, context.query, context.now());
}
