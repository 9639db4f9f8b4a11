import type { ApiRequest, ApiResponse } from './api-request.js';
import type { RequestInfo } from './request-info.js';

/** Passes the request (or one in its place) on to the next middleware, or to the server's own dispatch. */
export type NextHandler = (request: ApiRequest) => Promise<ApiResponse>;

/**
 * Runs around the server's dispatch of every `handle()` call: it may answer itself, throw (a
 * `StatusError` becomes its `metav1.Status` answer), or call `next` and look at the answer. `info`
 * is the request's parsed path (verb, resource, namespace, name …), worked out once per request.
 * An error of the dispatch or of an inner middleware comes back from `next` as its Status answer,
 * never thrown.
 */
export type Middleware = (request: ApiRequest, info: RequestInfo, next: NextHandler) => Promise<ApiResponse>;

/**
 * Calls the middleware in order, the first the outermost, ending with `last`. What a layer (or
 * `last`) throws comes back to the layer outside it as `recover`'s answer, so every layer sees
 * the answer the client gets.
 */
export function runMiddleware(
  middleware: readonly Middleware[],
  request: ApiRequest,
  info: RequestInfo,
  last: NextHandler,
  recover: (error: unknown, request: ApiRequest) => ApiResponse,
): Promise<ApiResponse> {
  const step = async (index: number, current: ApiRequest): Promise<ApiResponse> => {
    const layer = middleware[index];
    try {
      return await (layer ? layer(current, info, (next) => step(index + 1, next)) : last(current));
    } catch (error) {
      return recover(error, current);
    }
  };
  return step(0, request);
}
