import type { ApiResponse } from '../api-request.js';
import { negotiate } from '../negotiation.js';
import { type ResourceContext, namespaceOf } from './context.js';
import { renderItem } from './render.js';
import { scaleOf } from './scale.js';
import { jsonValue } from '../respond.js';

/** GET of one object (and of its `/status`, which reads the same object, or its `/scale`). */
export async function handleGet(context: ResourceContext): Promise<ApiResponse> {
  const representation = negotiate(context.request.header('accept'), { transforms: context.info.subresource !== 'scale' });
  const resourceVersion = context.query.get('resourceVersion') ?? undefined;
  const item = await context.store.get(namespaceOf(context), context.info.name, resourceVersion === undefined ? {} : { resourceVersion });
  if (context.info.subresource === 'scale') return jsonValue(200, scaleOf(context.store.definition, item.object), representation);
  return renderItem(200, item, representation, context.store.definition, context.query, context.now());
}
