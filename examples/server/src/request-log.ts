import type { IncomingMessage, Server } from 'node:http';
import { parseRequestInfo } from '@kubekit/server';
import type { Logger } from 'pino';

/** What kube-apiserver's request log (httplog) records of a request, with the request info's fields. */
export interface RequestLogFields {
  /** The API verb (`get`, `list`, `watch`, `create`, …), or the lower-case method for other paths. */
  verb: string;
  URI: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  code: number;
  /** As Go prints a duration: `850µs`, `1.2ms`, `3.5s`. */
  latency: string;
  userAgent: string;
  srcIP: string;
}

type LoggedRequest = Pick<IncomingMessage, 'method' | 'url' | 'headers' | 'socket'>;

/** One request's log fields, read from its URL the way the server reads it. */
export function requestLogFields(req: LoggedRequest, code: number, elapsedNs: bigint): RequestLogFields {
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  const queryStart = url.indexOf('?');
  const info = parseRequestInfo(method, queryStart < 0 ? url : url.slice(0, queryStart), new URLSearchParams(queryStart < 0 ? '' : url.slice(queryStart + 1)));
  const { remoteAddress = '', remotePort } = req.socket;
  return {
    verb: info.isResourceRequest ? info.verb : method.toLowerCase(),
    URI: url,
    ...(info.isResourceRequest && {
      resource: info.resource,
      ...(info.subresource && { subresource: info.subresource }),
      ...(info.namespace && { namespace: info.namespace }),
      ...(info.name && { name: info.name }),
    }),
    code,
    latency: formatDuration(elapsedNs),
    userAgent: req.headers['user-agent'] ?? '',
    srcIP: remotePort === undefined ? remoteAddress : `${remoteAddress}:${remotePort}`,
  };
}

/** Go's `time.Duration` text for the units a request takes (without Go's minutes). */
export function formatDuration(ns: bigint): string {
  const value = Number(ns);
  if (value < 1e3) return `${value}ns`;
  if (value < 1e6) return `${value / 1e3}µs`;
  if (value < 1e9) return `${value / 1e6}ms`;
  return `${value / 1e9}s`;
}

/**
 * Logs every request at debug level once its response is done (a watch when it ends), with its
 * status code and latency, as kube-apiserver's httplog does.
 */
export function logRequests(httpServer: Server, logger: Logger): void {
  httpServer.on('request', (req: IncomingMessage, res) => {
    if (!logger.isLevelEnabled('debug')) return;
    const start = process.hrtime.bigint();
    res.once('close', () => logger.debug(requestLogFields(req, res.statusCode, process.hrtime.bigint() - start), 'HTTP'));
  });
}
