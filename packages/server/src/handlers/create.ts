import type { ApiResponse } from '../api-request.js';
import { negotiate } from '../negotiation.js';
import { type ResourceContext, namespaceOf, writeOptions } from './context.js';
import { withWarnings } from '../respond.js';
import { readObjectBody } from './decode.js';
import { renderItem } from './render.js';

/** POST to a collection: 201 with the stored object (also for a dry run). */
export async function handleCreate(context: ResourceContext): Promise<ApiResponse> {
  const representation = negotiate(context.request.header('accept'));
  const options = writeOptions(context);
  const { object: body, warnings } = await readObjectBody(context);
  const item = await context.store.create(namespaceOf(context), body, options);
  return withWarnings(renderItem(201, item, representation, context.store.definition, context.query, context.now()), warnings);
}
