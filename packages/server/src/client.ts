import { StatusError } from '@kubekit/apimachinery';
import type { DeleteOptionsBody, KubeObject, ListRequest, Registry, ResourceStore, WatchRequest, WriteOptions } from '@kubekit/registry';
import type { WatchEventType } from '@kubekit/store';

export interface ClientListResult<T> {
  items: T[];
  resourceVersion: string;
  continue?: string;
}

export interface ClientWatchEvent<T> {
  type: WatchEventType;
  object: T;
}

export interface NamespaceOption {
  namespace?: string;
}

/** Reads and writes one resource through the registry: defaulting, validation, admission and watch events, without HTTP. */
export interface ResourceClient<T extends KubeObject = KubeObject> {
  get(name: string, options?: NamespaceOption): Promise<T>;
  list(options?: ListRequest): Promise<ClientListResult<T>>;
  create(object: T, options?: NamespaceOption & WriteOptions): Promise<T>;
  /** PUT: namespace and name come from the object; a stale resourceVersion is a 409 Conflict. */
  update(object: T, options?: WriteOptions): Promise<T>;
  /** PUT to `/status`. */
  updateStatus(object: T, options?: WriteOptions): Promise<T>;
  /** Read, change, write, retried on conflict. */
  modify(name: string, change: (object: T) => void, options?: NamespaceOption & WriteOptions): Promise<T>;
  delete(name: string, options?: NamespaceOption & DeleteOptionsBody & WriteOptions): Promise<T>;
  /** Events from the given resourceVersion (or synthetic ADDED for the current state); break out of the loop to stop. */
  watch(options?: WatchRequest): AsyncIterable<ClientWatchEvent<T>>;
}

export interface Client {
  /** By group/version and plural resource: `client.resource('apps/v1', 'deployments')`. */
  resource<T extends KubeObject = KubeObject>(apiVersion: string, resource: string): ResourceClient<T>;
  /** By apiVersion and kind: `client.kind('v1', 'ConfigMap')`. */
  kind<T extends KubeObject = KubeObject>(apiVersion: string, kind: string): ResourceClient<T>;
}

function splitApiVersion(apiVersion: string): [group: string, version: string] {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}

const notServed = (what: string) =>
  new StatusError({ code: 404, reason: 'NotFound', message: `the server could not find the requested resource (${what})`, details: {} });

function resourceClient<T extends KubeObject>(store: ResourceStore): ResourceClient<T> {
  const typed = store as unknown as ResourceStore<T>;
  const nameOf = (object: T) => object.metadata?.name ?? '';
  return {
    async get(name, options = {}) {
      return (await typed.get(options.namespace, name)).object as T;
    },
    async list(options = {}) {
      const result = await typed.list(options);
      return {
        items: result.items.map((item) => item.object as T),
        resourceVersion: String(result.resourceVersion),
        ...(result.continue && { continue: result.continue }),
      };
    },
    async create(object, options = {}) {
      return (await typed.create(options.namespace ?? object.metadata?.namespace, object, options)).object as T;
    },
    async update(object, options = {}) {
      return (await typed.update(object.metadata?.namespace, nameOf(object), () => object, options)).object as T;
    },
    async updateStatus(object, options = {}) {
      return (await typed.update(object.metadata?.namespace, nameOf(object), () => object, { ...options, subresource: 'status' }))
        .object as T;
    },
    async modify(name, change, options = {}) {
      const item = await typed.update(
        options.namespace,
        name,
        (current) => {
          const copy = structuredClone(current) as T;
          change(copy);
          return copy;
        },
        options,
      );
      return item.object as T;
    },
    async delete(name, options = {}) {
      const { namespace, dryRun, fieldManager, user, ...body } = options;
      const write = { ...(dryRun && { dryRun }), ...(fieldManager && { fieldManager }), ...(user && { user }) };
      return (await typed.delete(namespace, name, body, write)).item.object as T;
    },
    watch(options = {}) {
      return {
        async *[Symbol.asyncIterator]() {
          const watch = await typed.watch(options);
          try {
            for await (const item of watch) {
              if ('initialEventsEnd' in item) continue;
              yield { type: item.type, object: item.object as T };
            }
          } finally {
            watch.stop();
          }
        },
      };
    },
  };
}

export function createClient(registry: Registry): Client {
  return {
    resource<T extends KubeObject>(apiVersion: string, resource: string) {
      const [group, version] = splitApiVersion(apiVersion);
      const store = registry.resource(group, version, resource);
      if (!store) throw notServed(`${resource} in ${apiVersion}`);
      return resourceClient<T>(store);
    },
    kind<T extends KubeObject>(apiVersion: string, kind: string) {
      const store = registry.resourceFor(apiVersion, kind);
      if (!store) throw notServed(`${kind} in ${apiVersion}`);
      return resourceClient<T>(store);
    },
  };
}
