import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeServer } from '../server.js';
import { NodeApiRequest, type NodeRequestOptions } from './node-request.js';
import { destroyResponse, writeApiResponse } from './write-response.js';

export { NodeApiRequest, type NodeRequestOptions } from './node-request.js';
export { writeApiResponse } from './write-response.js';

/**
 * Serves one `node:http` request: what every adapter over Node's request and response (the Node
 * listener, Express) does. The message is handed over as it is (no web `Request` is built), and
 * a plain answer is written in the same tick it resolves (no extra async hop).
 */
export function handleNodeRequest(
  server: Pick<KubeServer, 'handle'>,
  req: IncomingMessage,
  res: ServerResponse,
  options?: NodeRequestOptions,
): void {
  server.handle(new NodeApiRequest(req, res, options)).then(
    (response) => writeApiResponse(res, response),
    (error: unknown) => destroyResponse(res, error),
  );
}
