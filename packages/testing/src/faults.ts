import { setTimeout as sleep } from 'node:timers/promises';
import { type ApiRequest, type ApiResponse, type Middleware, type RequestInfo, isStream } from '@kubekit/server';
import { type StatusFault, faultStatusError } from './fault-status.js';
import { requestWith } from './request-with.js';
import { seededRandom } from './seeded-random.js';
import { type ExpiredStatus, type WatchEnding, cutWatch } from './watch-cut.js';

/** A string matches exactly; a RegExp by `test`. */
export type FaultMatcher = string | RegExp;

/** Which requests a fault applies to: all given fields must match. */
export interface FaultMatch {
  /** The Kubernetes verb: `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`. */
  verb?: FaultMatcher;
  /** The plural resource, e.g. `configmaps` (or `deployments/scale` with a subresource). */
  resource?: FaultMatcher;
  namespace?: FaultMatcher;
  name?: FaultMatcher;
  /** The `fieldManager` query parameter. */
  fieldManager?: FaultMatcher;
  userAgent?: FaultMatcher;
}

/** Hold the request this long (a timer), then serve it. */
export interface LatencyFault {
  latencyMs: number;
}

/**
 * Ends a watch after it delivered `afterEvents` events (ADDED, MODIFIED, DELETED; bookmarks pass
 * uncounted): `close` as the server ends a watch at its timeout, `reset` by cutting the
 * connection, `expired` with an ERROR event carrying a 410 Expired Status (as for a too-old
 * resourceVersion) and then the end. Applies to watch requests only.
 */
export interface WatchFault {
  watch: WatchEnding;
  /** Default 0: the watch ends before its first event. */
  afterEvents?: number;
}

/**
 * Answers a list as it was at an earlier resourceVersion, as a lagging watch cache does: `true` for
 * the state when the fault was injected, or a resourceVersion. The list's own resourceVersion is
 * that one, so a watch from it replays what the list missed. Applies to lists without a `continue`
 * token; one from before the last compaction gets 410 Expired.
 */
export interface StaleListFault {
  staleList: true | string;
}

export type FaultResponse = StatusFault | LatencyFault | WatchFault | StaleListFault;

export interface FaultSpec {
  /** Every request when absent. */
  match?: FaultMatch;
  /** How many matching requests it applies to: 1 by default, unlimited with a `probability`. */
  times?: number;
  /** The chance a matching request gets it, drawn from a PRNG seeded with `seed`: the same sequence on every run. */
  probability?: number;
  /** Default 1. */
  seed?: number;
  respond: FaultResponse;
}

export interface FaultHandle {
  /** How many more requests it applies to (`Infinity` for a probability without `times`); 0 once used up or removed. */
  readonly remaining: number;
  remove(): void;
}

export interface ClusterFaults {
  /** Adds a fault; the first added that matches and fires applies, one fault per request. */
  inject(spec: FaultSpec): FaultHandle;
  /** Removes every fault. */
  clear(): void;
}

interface Fault {
  spec: FaultSpec;
  remaining: number;
  random: (() => number) | undefined;
  /** For a stale list: the resourceVersion it answers at. */
  staleAt: Promise<string> | undefined;
}

/** What the faults read of the cluster. */
export interface FaultContext {
  /** The revision of the last write. */
  currentResourceVersion(): Promise<number>;
}

function matches(matcher: FaultMatcher | undefined, value: string | undefined): boolean {
  if (matcher === undefined) return true;
  if (value === undefined) return false;
  return typeof matcher === 'string' ? matcher === value : matcher.test(value);
}

function queryOf(request: ApiRequest): URLSearchParams {
  const queryStart = request.url.indexOf('?');
  return new URLSearchParams(queryStart < 0 ? '' : request.url.slice(queryStart + 1));
}

function applies(match: FaultMatch, request: ApiRequest, info: RequestInfo, query: URLSearchParams): boolean {
  const resource = info.isResourceRequest ? info : undefined;
  const qualified = resource && (resource.subresource ? `${resource.resource}/${resource.subresource}` : resource.resource);
  return (
    matches(match.verb, resource?.verb ?? request.method.toLowerCase()) &&
    matches(match.resource, qualified) &&
    matches(match.namespace, resource?.namespace) &&
    matches(match.name, resource?.name) &&
    matches(match.fieldManager, query.get('fieldManager') ?? undefined) &&
    matches(match.userAgent, request.header('user-agent'))
  );
}

/** Whether the kind of answer fits the request: watch faults only for watches, a stale list only for a first page. */
function answerable(respond: FaultResponse, info: RequestInfo, query: URLSearchParams): boolean {
  const verb = info.isResourceRequest ? info.verb : undefined;
  if ('watch' in respond) return verb === 'watch';
  if ('staleList' in respond) return verb === 'list' && !query.get('continue');
  return true;
}

/** The list request read at exactly `resourceVersion` (API Concepts: resourceVersionMatch=Exact). */
function listAt(request: ApiRequest, query: URLSearchParams, resourceVersion: string): ApiRequest {
  const queryStart = request.url.indexOf('?');
  const target = queryStart < 0 ? request.url : request.url.slice(0, queryStart);
  const exact = new URLSearchParams(query);
  exact.set('resourceVersion', resourceVersion);
  exact.set('resourceVersionMatch', 'Exact');
  return requestWith(request, { url: `${target}?${exact}` });
}

/** The faults of a cluster and the middleware that applies them. */
export class Faults implements ClusterFaults {
  #faults: Fault[] = [];

  constructor(private readonly cluster: FaultContext) {}

  inject(spec: FaultSpec): FaultHandle {
    const { respond } = spec;
    const fault: Fault = {
      spec,
      remaining: spec.times ?? (spec.probability === undefined ? 1 : Infinity),
      random: spec.probability === undefined ? undefined : seededRandom(spec.seed ?? 1),
      staleAt: !('staleList' in respond) ? undefined : respond.staleList === true ? this.#resourceVersionNow() : Promise.resolve(respond.staleList),
    };
    this.#faults.push(fault);
    return {
      get remaining() {
        return fault.remaining;
      },
      remove: () => this.#remove(fault),
    };
  }

  clear(): void {
    for (const fault of this.#faults) fault.remaining = 0;
    this.#faults = [];
  }

  readonly middleware: Middleware = async (request, info, next) => {
    const query = queryOf(request);
    const fault = this.#firing(request, info, query);
    if (!fault) return next(request);
    const { respond } = fault.spec;
    if ('latencyMs' in respond) {
      await sleep(respond.latencyMs);
      return next(request);
    }
    if ('staleList' in respond) return next(listAt(request, query, await (fault.staleAt as Promise<string>)));
    if ('watch' in respond) return this.#cut(await next(request), respond, query);
    // Thrown, so the server writes it as any Status error (and sends Retry-After).
    throw faultStatusError(respond, info);
  };

  async #resourceVersionNow(): Promise<string> {
    return String(await this.cluster.currentResourceVersion());
  }

  async #cut(response: ApiResponse, fault: WatchFault, query: URLSearchParams): Promise<ApiResponse> {
    if (!isStream(response.body)) return response;
    const current = await this.#resourceVersionNow();
    // Worded as the watch cache's answer to a too-old resourceVersion.
    const expired = (): ExpiredStatus => ({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `too old resource version: ${query.get('resourceVersion') || current} (${current})`,
      reason: 'Expired',
      code: 410,
    });
    const eventStream = response.headers['content-type']?.startsWith('text/event-stream') ?? false;
    return { ...response, body: cutWatch(response.body, fault.afterEvents ?? 0, fault.watch, eventStream, expired) };
  }

  /** The first fault that matches and fires, its count taken. */
  #firing(request: ApiRequest, info: RequestInfo, query: URLSearchParams): Fault | undefined {
    for (const fault of this.#faults) {
      if (!answerable(fault.spec.respond, info, query) || !applies(fault.spec.match ?? {}, request, info, query)) continue;
      if (fault.random && fault.random() >= (fault.spec.probability ?? 1)) continue;
      fault.remaining--;
      if (fault.remaining <= 0) this.#remove(fault);
      return fault;
    }
    return undefined;
  }

  #remove(fault: Fault): void {
    fault.remaining = 0;
    this.#faults = this.#faults.filter((other) => other !== fault);
  }
}
