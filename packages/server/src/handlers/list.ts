import type { ApiResponse } from '../api-request.js';
import { negotiate } from '../negotiation.js';
import { type ResourceContext, integerParam, namespaceOf } from './context.js';
import { readListQuery, validateListQuery } from './list-options.js';
import { renderList } from './render.js';

/** GET of a collection (API Concepts: "Retrieving large results sets in chunks", selectors). */
export async function handleList(context: ResourceContext): Promise<ApiResponse> {
  const representation = negotiate(context.request.header('accept'), { transforms: true });
  const options = readListQuery(context.query, (name) => integerParam(context.query, name));
  validateListQuery(options, false);
  const namespace = namespaceOf(context);
  const result = await context.store.list({
    ...(namespace && { namespace }),
    ...(options.labelSelector && { labelSelector: options.labelSelector }),
    ...(options.fieldSelector && { fieldSelector: options.fieldSelector }),
    ...(options.limit && options.limit > 0 && { limit: options.limit }),
    ...(options.continue && { continue: options.continue }),
    ...(options.resourceVersion && { resourceVersion: options.resourceVersion }),
    ...((options.resourceVersionMatch === 'Exact' || options.resourceVersionMatch === 'NotOlderThan') && {
      resourceVersionMatch: options.resourceVersionMatch,
    }),
  });
  return renderList(result, representation, context.store.definition, context.store.apiVersion, context.query, context.now());
}
