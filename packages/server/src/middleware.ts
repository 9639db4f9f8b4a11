import type { ApiRequest, ApiResponse } from './api-request.js';
import type { RequestInfo } from './request-info.js';

/** Passes the request (or one in its place) on to the next middleware, or to the server's own dispatch. */
export type NextHandler = (request: ApiRequest) => Promise<ApiResponse>;

/**
 * Runs around the server's dispatch of every `handle()` call: it may answer itself, throw (a
 * `StatusError` becomes its `metav1.Status` answer), or call `next` and look at the answer. `info`
 * is the request's parsed path (verb, resource, namespace, name …), worked out once per request.
 * An error of the dispatch comes back from `next` as its Status answer, never thrown.
 */
export type Middleware = (request: ApiRequest, info: RequestInfo, next: NextHandler) => Promise<ApiResponse>;

/** Calls the middleware in order, the first the outermost, ending with `last`. */
export function runMiddleware(middleware: readonly Middleware[], request: ApiRequest, info: RequestInfo, last: NextHandler): Promise<ApiResponse> {
  const step = (index: number, current: ApiRequest): Promise<ApiResponse> => {
    const layer = middleware[index];
    return layer ? layer(current, info, (next) => step(index + 1, next)) : last(current);
  };
  return step(0, request);
}
