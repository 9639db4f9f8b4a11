import { StatusError } from '@kubekit/apimachinery';
import type { DeleteOptionsBody, KubeObject, ListRequest, Registry, ResourceStore, WatchRequest, WriteOptions } from '@kubekit/registry';

/** Server-side apply from the in-process client: the manager the fields are recorded for is required, as over HTTP. */
export interface ApplyClientOptions extends NamespaceOption {
  fieldManager: string;
  /** Take fields other managers own instead of failing with a 409 Conflict. */
  force?: boolean;
  dryRun?: boolean;
}
import type { WatchEventType } from '@kubekit/store';
import type { Kinds } from '@kubekit/types';

/** The TypeScript type of a built-in kind (`KindType<'apps/v1', 'Deployment'>`), or a generic object for others. */
export type KindType<A extends string, K extends string> = A extends keyof Kinds
  ? K extends keyof Kinds[A]
    ? Kinds[A][K]
    : KubeObject
  : KubeObject;

export interface ClientListResult<T> {
  items: T[];
  resourceVersion: string;
  continue?: string;
}

export interface ClientWatchEvent<T> {
  type: WatchEventType;
  object: T;
}

export interface ClientWatchOptions extends WatchRequest {
  signal?: AbortSignal;
}

export interface NamespaceOption {
  namespace?: string;
}

/** Reads and writes one resource through the registry: defaulting, validation, admission and watch events, without HTTP. */
export interface ResourceClient<T = KubeObject> {
  get(name: string, options?: NamespaceOption): Promise<T>;
  list(options?: ListRequest): Promise<ClientListResult<T>>;
  create(object: T, options?: NamespaceOption & WriteOptions): Promise<T>;
  /** PUT: namespace and name come from the object; a stale resourceVersion is a 409 Conflict. */
  update(object: T, options?: WriteOptions): Promise<T>;
  /** PUT to `/status`. */
  updateStatus(object: T, options?: WriteOptions): Promise<T>;
  /**
   * Server-side apply: merges the configuration (with apiVersion, kind and metadata.name) into
   * the object with field ownership, creating it if it does not exist.
   */
  apply(configuration: T, options: ApplyClientOptions): Promise<T>;
  /** Server-side apply to `/status`. */
  applyStatus(configuration: T, options: ApplyClientOptions): Promise<T>;
  /** Read, change, write, retried on conflict. */
  modify(name: string, change: (object: T) => void, options?: NamespaceOption & WriteOptions): Promise<T>;
  delete(name: string, options?: NamespaceOption & DeleteOptionsBody & WriteOptions): Promise<T>;
  /**
   * Events from the given resourceVersion (or synthetic ADDED for the current state); break out of
   * the loop, or abort `signal` (which also ends a watch waiting for its next event), to stop.
   */
  watch(options?: ClientWatchOptions): AsyncIterable<ClientWatchEvent<T>>;
  /**
   * A create on an action subresource the registry serves: `act('binding', 'web-1', { target: { kind: 'Node', name: 'node-1' } }, { namespace })`
   * binds a pod as the scheduler does. Resolves with the action's answer (a `Status`).
   */
  act(action: string, name: string, body: Record<string, unknown>, options?: NamespaceOption & WriteOptions): Promise<Record<string, unknown>>;
}

export interface Client {
  /** By group/version and plural resource: `client.resource<Deployment>('apps/v1', 'deployments')`. */
  resource<T = KubeObject>(apiVersion: string, resource: string): ResourceClient<T>;
  /** By apiVersion and kind, typed for the built-in kinds: `client.kind('apps/v1', 'Deployment')` reads and writes `Deployment`s. */
  kind<A extends string, K extends string>(apiVersion: A, kind: K): ResourceClient<KindType<A, K>>;
}

function splitApiVersion(apiVersion: string): [group: string, version: string] {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}

const notServed = (what: string) =>
  new StatusError({ code: 404, reason: 'NotFound', message: `the server could not find the requested resource (${what})`, details: {} });

function resourceClient<T>(store: ResourceStore): ResourceClient<T> {
  const nameOf = (object: T) => (object as KubeObject).metadata?.name ?? '';
  const namespaceOf = (object: T) => (object as KubeObject).metadata?.namespace;
  const asKube = (object: T) => object as unknown as KubeObject;
  return {
    async get(name, options = {}) {
      return (await store.get(options.namespace, name)).object as unknown as T;
    },
    async list(options = {}) {
      const result = await store.list(options);
      return {
        items: result.items.map((item) => item.object as unknown as T),
        resourceVersion: String(result.resourceVersion),
        ...(result.continue && { continue: result.continue }),
      };
    },
    async create(object, options = {}) {
      return (await store.create(options.namespace ?? namespaceOf(object), asKube(object), options)).object as unknown as T;
    },
    async update(object, options = {}) {
      return (await store.update(namespaceOf(object), nameOf(object), () => asKube(object), options)).object as unknown as T;
    },
    async updateStatus(object, options = {}) {
      const item = await store.update(namespaceOf(object), nameOf(object), () => asKube(object), { ...options, subresource: 'status' });
      return item.object as unknown as T;
    },
    async apply(configuration, options) {
      const { namespace, ...write } = options;
      const item = await store.apply(namespace ?? namespaceOf(configuration), nameOf(configuration), asKube(configuration), write);
      return item.item.object as unknown as T;
    },
    async applyStatus(configuration, options) {
      const { namespace, ...write } = options;
      const item = await store.apply(namespace ?? namespaceOf(configuration), nameOf(configuration), asKube(configuration), { ...write, subresource: 'status' });
      return item.item.object as unknown as T;
    },
    async modify(name, change, options = {}) {
      const item = await store.update(
        options.namespace,
        name,
        (current) => {
          const copy = structuredClone(current) as unknown as T;
          change(copy);
          return asKube(copy);
        },
        options,
      );
      return item.object as unknown as T;
    },
    async delete(name, options = {}) {
      const { namespace, dryRun, fieldManager, user, ...body } = options;
      const write = { ...(dryRun && { dryRun }), ...(fieldManager && { fieldManager }), ...(user && { user }) };
      return (await store.delete(namespace, name, body, write)).item.object as unknown as T;
    },
    async act(action, name, body, options = {}) {
      const { namespace, ...write } = options;
      return (await store.act(action, namespace, name, body, write)).body;
    },
    watch({ signal, ...options } = {}) {
      return {
        async *[Symbol.asyncIterator]() {
          if (signal?.aborted) return;
          const watch = await store.watch(options);
          const stop = () => watch.stop();
          signal?.addEventListener('abort', stop, { once: true });
          // Aborted while the watch was being opened: a listener added now would never hear it.
          if (signal?.aborted) stop();
          try {
            for await (const item of watch) {
              if ('initialEventsEnd' in item) continue;
              yield { type: item.type, object: item.object as unknown as T };
            }
          } finally {
            signal?.removeEventListener('abort', stop);
            watch.stop();
          }
        },
      };
    },
  };
}

export function createClient(registry: Registry): Client {
  return {
    resource<T>(apiVersion: string, resource: string) {
      const [group, version] = splitApiVersion(apiVersion);
      const store = registry.resource(group, version, resource);
      if (!store) throw notServed(`${resource} in ${apiVersion}`);
      return resourceClient<T>(store);
    },
    kind<A extends string, K extends string>(apiVersion: A, kind: K) {
      const store = registry.resourceFor(apiVersion, kind);
      if (!store) throw notServed(`${kind} in ${apiVersion}`);
      return resourceClient<KindType<A, K>>(store);
    },
  };
}
