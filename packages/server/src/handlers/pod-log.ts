import { StatusError, newBadRequest } from '@kubekit/apimachinery';
import type { Pod } from '@kubekit/types';
import type { ApiResponse, ResponseStream } from '../api-request.js';
import type { ContainerLog, LogLine } from '../node-connection.js';
import { type ResourceContext, integerParam, namespaceOf } from './context.js';

/** RFC 3339 with nanoseconds, as the kubelet stamps each line with `timestamps=true`. */
const stamp = (ms: number) => `${new Date(ms).toISOString().slice(0, -1)}000000Z`;

function internalError(message: string): StatusError {
  return new StatusError({ code: 500, reason: 'InternalError', message, details: {} });
}

/** The container a log request means (ValidateContainer / the pod log REST's checks), or a 400. */
function containerOf(pod: Readonly<Pod>, requested: string | null): string {
  const name = pod.metadata?.name ?? '';
  const containers = (pod.spec?.containers ?? []).map((container) => container.name ?? '');
  const all = [...(pod.spec?.initContainers ?? []).map((container) => container.name ?? ''), ...containers];
  if (requested) {
    if (!all.includes(requested)) throw newBadRequest(`container ${requested} is not valid for pod ${name}`);
    return requested;
  }
  if (containers.length === 1) return containers[0]!;
  throw newBadRequest(`a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`);
}

/** The lines a request selects: since a time, then the last N. */
function selected(lines: readonly LogLine[], since: number | undefined, tail: number | undefined): LogLine[] {
  const recent = since === undefined ? [...lines] : lines.filter((line) => line.time >= since);
  return tail === undefined || tail < 0 ? recent : tail === 0 ? [] : recent.slice(-tail);
}

/** Lines as the client gets them, stopping at `limitBytes`. */
function render(timestamps: boolean, limitBytes: number | undefined) {
  let sent = 0;
  return (line: LogLine): string | undefined => {
    if (limitBytes !== undefined && sent >= limitBytes) return undefined;
    let text = `${timestamps ? `${stamp(line.time)} ` : ''}${line.text}\n`;
    if (limitBytes !== undefined && sent + Buffer.byteLength(text) > limitBytes) text = Buffer.from(text).subarray(0, limitBytes - sent).toString();
    sent += Buffer.byteLength(text);
    return text;
  };
}

/** The lines so far, then each new one until the container stops or the client goes away. */
async function* followed(log: ContainerLog, first: readonly LogLine[], format: (line: LogLine) => string | undefined, signal: AbortSignal): ResponseStream {
  const pending: (LogLine | undefined)[] = [];
  let wake: (() => void) | undefined;
  const stop = log.follow((line) => {
    pending.push(line);
    wake?.();
  });
  const abort = () => wake?.();
  signal.addEventListener('abort', abort, { once: true });
  try {
    for (const line of first) {
      const text = format(line);
      if (text === undefined) return;
      yield text;
    }
    if (!log.running) return;
    while (!signal.aborted) {
      if (pending.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      while (pending.length > 0) {
        const line = pending.shift();
        if (line === undefined) return;
        const text = format(line);
        if (text === undefined) return;
        yield text;
      }
    }
  } finally {
    stop();
    signal.removeEventListener('abort', abort);
  }
}

/**
 * GET pods/{name}/log: a container's log as text/plain, from the node's kubelet (the
 * connection a simulated kubelet registered), with `container`, `follow`, `previous`,
 * `tailLines`, `sinceSeconds`, `sinceTime`, `timestamps` and `limitBytes` (core/v1 PodLogOptions).
 */
export async function handlePodLog(context: ResourceContext): Promise<ApiResponse> {
  const { query } = context;
  const pod = (await context.store.get(namespaceOf(context), context.info.name)).object as Readonly<Pod>;
  const name = pod.metadata?.name ?? '';
  const container = containerOf(pod, query.get('container'));
  const previous = query.get('previous') === 'true';
  const node = pod.spec?.nodeName;
  const waiting = pod.status?.containerStatuses?.find((status) => status.name === container)?.state?.waiting?.reason;
  if (!node) throw newBadRequest(`container "${container}" in pod "${name}" is waiting to start: ContainerCreating`);
  const connection = context.nodes.get(node);
  if (!connection) throw internalError(`no kubelet answers for node "${node}": start the simulated controllers (@kubekit/controllers) to serve pod logs`);
  const log = connection.containerLog(pod, container, previous);
  if (!log) {
    if (previous) throw newBadRequest(`previous terminated container "${container}" in pod "${name}" not found`);
    throw newBadRequest(`container "${container}" in pod "${name}" is waiting to start: ${waiting ?? 'ContainerCreating'}`);
  }
  const sinceSeconds = integerParam(query, 'sinceSeconds');
  const sinceTime = query.get('sinceTime');
  const since = sinceSeconds !== undefined ? context.now() - sinceSeconds * 1000 : sinceTime ? Date.parse(sinceTime) : undefined;
  const lines = selected(log.lines, since, integerParam(query, 'tailLines'));
  const format = render(query.get('timestamps') === 'true', integerParam(query, 'limitBytes'));
  const headers = { 'content-type': 'text/plain' };
  if (query.get('follow') === 'true') return { status: 200, headers, body: followed(log, lines, format, context.request.signal) };
  let text = '';
  for (const line of lines) {
    const part = format(line);
    if (part === undefined) break;
    text += part;
  }
  return { status: 200, headers, body: text };
}
