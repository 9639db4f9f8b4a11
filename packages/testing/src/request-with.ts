import type { ApiRequest } from '@kubekit/server';

/**
 * The same request with another target or body. Adapters' requests are class instances with
 * getters, so it is rebuilt field by field rather than spread.
 */
export function requestWith(request: ApiRequest, changes: { url?: string; body?: AsyncIterable<Uint8Array> }): ApiRequest {
  return {
    method: request.method,
    url: changes.url ?? request.url,
    basePath: request.basePath,
    header: (name) => request.header(name),
    body: changes.body ?? request.body,
    get signal() {
      return request.signal;
    },
  };
}
