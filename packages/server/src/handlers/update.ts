import type { KubeObject } from '@kubekit/registry';
import type { ApiResponse } from '../api-request.js';
import { negotiate } from '../negotiation.js';
import { type ResourceContext, namespaceOf, writeOptions } from './context.js';
import { jsonValue, withWarnings } from '../respond.js';
import { readObjectBody } from './decode.js';
import { renderItem } from './render.js';
import { SCALE_GVK, scaleOf, withScale } from './scale.js';

/**
 * PUT of an object or its `/status`: the body replaces the stored object (optimistic concurrency
 * on resourceVersion). PUT of `/scale` takes an autoscaling/v1 Scale and sets the replicas.
 */
export async function handleUpdate(context: ResourceContext): Promise<ApiResponse> {
  const representation = negotiate(context.request.header('accept'));
  const options = writeOptions(context);
  const { definition } = context.store;
  if (context.info.subresource === 'scale') {
    const { object: scale, warnings } = await readObjectBody(context, SCALE_GVK);
    const item = await context.store.update(namespaceOf(context), context.info.name, (current) => withScale(definition, current, scale), {
      ...options,
      subresource: 'scale',
    });
    return withWarnings(jsonValue(200, scaleOf(definition, item.object), representation), warnings);
  }
  const { object: body, warnings, decodeAgain } = await readObjectBody(context);
  // The decoded body is the first attempt's to change; an attempt that starts again decodes anew.
  let unused: KubeObject | undefined = body;
  const next = () => {
    const object = unused ?? decodeAgain();
    unused = undefined;
    return object;
  };
  const item = await context.store.update(namespaceOf(context), context.info.name, next, {
    ...options,
    ...(context.info.subresource && { subresource: context.info.subresource }),
  });
  return withWarnings(renderItem(200, item, representation, definition, context.query, context.now()), warnings);
}
