import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiRequest, Middleware, RequestInfo } from '@kubekit/server';
import { type StatusFault, faultStatusError } from './fault-status.js';
import { seededRandom } from './seeded-random.js';

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

export interface FaultSpec {
  /** Every request when absent. */
  match?: FaultMatch;
  /** How many matching requests it applies to: 1 by default, unlimited with a `probability`. */
  times?: number;
  /** The chance a matching request gets it, drawn from a PRNG seeded with `seed`: the same sequence on every run. */
  probability?: number;
  /** Default 1. */
  seed?: number;
  respond: StatusFault | LatencyFault;
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
}

function matches(matcher: FaultMatcher | undefined, value: string | undefined): boolean {
  if (matcher === undefined) return true;
  if (value === undefined) return false;
  return typeof matcher === 'string' ? matcher === value : matcher.test(value);
}

function fieldManagerOf(request: ApiRequest): string | undefined {
  const queryStart = request.url.indexOf('?');
  return queryStart < 0 ? undefined : (new URLSearchParams(request.url.slice(queryStart + 1)).get('fieldManager') ?? undefined);
}

function applies(match: FaultMatch, request: ApiRequest, info: RequestInfo): boolean {
  const resource = info.isResourceRequest ? info : undefined;
  const qualified = resource && (resource.subresource ? `${resource.resource}/${resource.subresource}` : resource.resource);
  return (
    matches(match.verb, resource?.verb ?? request.method.toLowerCase()) &&
    matches(match.resource, qualified) &&
    matches(match.namespace, resource?.namespace) &&
    matches(match.name, resource?.name) &&
    matches(match.fieldManager, fieldManagerOf(request)) &&
    matches(match.userAgent, request.header('user-agent'))
  );
}

/** The faults of a cluster and the middleware that applies them. */
export class Faults implements ClusterFaults {
  #faults: Fault[] = [];

  inject(spec: FaultSpec): FaultHandle {
    const fault: Fault = {
      spec,
      remaining: spec.times ?? (spec.probability === undefined ? 1 : Infinity),
      random: spec.probability === undefined ? undefined : seededRandom(spec.seed ?? 1),
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
    const fault = this.#firing(request, info);
    if (!fault) return next(request);
    const { respond } = fault.spec;
    if ('latencyMs' in respond) {
      await sleep(respond.latencyMs);
      return next(request);
    }
    // Thrown, so the server writes it as any Status error (and sends Retry-After).
    throw faultStatusError(respond, info);
  };

  /** The first fault that matches and fires, its count taken. */
  #firing(request: ApiRequest, info: RequestInfo): Fault | undefined {
    for (const fault of this.#faults) {
      if (!applies(fault.spec.match ?? {}, request, info)) continue;
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
