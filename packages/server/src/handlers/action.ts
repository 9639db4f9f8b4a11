import type { ApiResponse } from '../api-request.js';
import { readObject } from '../body.js';
import { negotiate } from '../negotiation.js';
import { jsonValue } from '../respond.js';
import { type ResourceContext, namespaceOf, writeOptions } from './context.js';

/** POST to an action subresource the registry serves (pods/binding): the body handed to its handler, its answer written. */
export async function handleAction(context: ResourceContext): Promise<ApiResponse> {
  const representation = negotiate(context.request.header('accept'));
  const body = await readObject(context.request, context.maxBodyBytes);
  const { info } = context;
  const result = await context.store.act(info.subresource, namespaceOf(context), info.name, body, writeOptions(context));
  return jsonValue(result.code, result.body, representation);
}
