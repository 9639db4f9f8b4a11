import { StatusError, newMethodNotSupported } from '@kubekit/apimachinery';
import { DEFAULT_USER, Registry, type RegistryOptions, type ResourceDefinition, type ResourceStore, type UserInfo } from '@kubekit/registry';
import type { ApiRequest, ApiResponse } from './api-request.js';
import { DEFAULT_MAX_BODY_BYTES } from './body.js';
import { type Client, createClient } from './client.js';
import { DiscoveryDocuments } from './discovery.js';
import type { ResourceContext, ServerStats } from './handlers/context.js';
import { handleCreate } from './handlers/create.js';
import { handleDelete, handleDeleteCollection } from './handlers/delete.js';
import { handleAction } from './handlers/action.js';
import { handleEviction } from './handlers/eviction.js';
import { handlePodLog } from './handlers/pod-log.js';
import { type NodeConnection, NodeConnections } from './node-connection.js';
import { handleTokenRequest } from './handlers/token.js';
import { handleGet } from './handlers/get.js';
import { handleList } from './handlers/list.js';
import { handlePatch } from './handlers/patch.js';
import { handleUpdate } from './handlers/update.js';
import { handleWatch } from './handlers/watch.js';
import { type Middleware, runMiddleware } from './middleware.js';
import { pathBelow } from './mount.js';
import { serveNonResource } from './non-resource.js';
import { OpenApiDocuments } from './openapi.js';
import { type RequestInfo, type ResourceRequestInfo, type ResourceVerb, parseRequestInfo } from './request-info.js';
import { type Representation, negotiate } from './negotiation.js';
import { errorResponse, withWarnings } from './respond.js';
import { type VersionInfo, defaultVersionInfo } from './version.js';

export interface ServerOptions extends RegistryOptions {
  /** A registry to serve; one is made from the other options when absent. */
  registry?: Registry;
  /** What `/version` answers (kubectl prints `gitVersion` as the server version). */
  version?: Partial<VersionInfo>;
  /** Request bodies above this size are refused with 413 (default 3 MiB, as the real server). */
  maxBodyBytes?: number;
  /** Who every request is taken to come from, while nothing authenticates them (`kubectl auth whoami`). */
  user?: UserInfo;
  /** Run around every `handle()` call, the first the outermost; more can be added with `use()`. */
  middleware?: readonly Middleware[];
}

/** The framework-agnostic API server: one `handle` function that adapters call. */
export interface KubeServer {
  readonly registry: Registry;
  /** An in-process client through the same registry path as HTTP requests, without HTTP. */
  readonly client: Client;
  handle(request: ApiRequest): Promise<ApiResponse>;
  /**
   * Adds a middleware inside those already there. The in-process `client` does not go through
   * middleware (it calls the registry directly).
   */
  use(middleware: Middleware): void;
  /** What the server holds open now (a copy): watches being streamed. */
  stats(): ServerStats;
  /**
   * Lets the server reach a node's kubelet (for `pods/log`), as a simulated kubelet does when it
   * starts; the returned function disconnects it.
   */
  connectNode(node: string, connection: NodeConnection): () => void;
  /** Closes every watch and the storage. */
  close(): Promise<void>;
}

type Handler = (context: ResourceContext) => Promise<ApiResponse>;

const HANDLERS: Record<ResourceVerb, Handler> = {
  get: handleGet,
  list: handleList,
  watch: handleWatch,
  create: handleCreate,
  update: handleUpdate,
  patch: handlePatch,
  delete: handleDelete,
  deletecollection: handleDeleteCollection,
};

// The verbs of the subresources served today (`/status`, `/scale`).
const SUBRESOURCE_VERBS: ReadonlySet<ResourceVerb> = new Set(['get', 'update', 'patch']);

function servesSubresource(definition: ResourceDefinition, subresource: string): boolean {
  return (subresource === 'status' && Boolean(definition.statusSubresource)) || (subresource === 'scale' && Boolean(definition.scale));
}

// Subresources that act rather than store and are served here rather than by the registry, by
// `<resource>/<subresource>`, for the verbs their declaration lists.
const ACTIONS: Record<string, Handler> = {
  'pods/eviction': handleEviction,
  'pods/log': handlePodLog,
  'serviceaccounts/token': handleTokenRequest,
};

/** Errors are written as the client asked when it can take it (YAML, protobuf), else as JSON. */
function errorRepresentation(accept: string | undefined): Representation {
  try {
    return negotiate(accept);
  } catch {
    return { format: 'json' };
  }
}

const notAllowed = (info: ResourceRequestInfo, resource: string) => newMethodNotSupported({ group: info.group, resource }, info.verb);

const notFound = () =>
  new StatusError({ code: 404, reason: 'NotFound', message: 'the server could not find the requested resource', details: {} });

/**
 * Creates a server with the built-in catalogue (or the given registry), its system namespaces
 * already in place.
 */
export async function createServer(options: ServerOptions = {}): Promise<KubeServer> {
  const registry = options.registry ?? new Registry(options);
  await registry.bootstrap();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const version = { ...defaultVersionInfo(), ...options.version };
  const discovery = new DiscoveryDocuments(registry);
  const openapi = new OpenApiDocuments(registry, version);
  const now = options.now ?? Date.now;
  const user = options.user ?? DEFAULT_USER;
  const stats: ServerStats = { watchers: 0 };
  const nodes = new NodeConnections();

  /** The store and the handler of a resource request, or the real server's 404 / 405. */
  function route(info: ResourceRequestInfo): { store: ResourceStore; handler: Handler } {
    const store = registry.resource(info.group, info.version, info.resource);
    if (!store) throw notFound();
    const { definition } = store;
    // A namespaced path to a cluster-scoped kind, or a named namespaced object without a namespace, has no route.
    if (info.namespace && !definition.namespaced) throw notFound();
    if (definition.namespaced && !info.namespace && (info.name || info.verb === 'create' || info.verb === 'deletecollection')) {
      throw notFound();
    }
    if (info.subresource) {
      const qualified = `${info.resource}/${info.subresource}`;
      const declared = definition.actions?.find(({ name }) => name === info.subresource);
      const action = declared && (declared.handler ? handleAction : ACTIONS[qualified]);
      if (action) {
        if (!declared.verbs.includes(info.verb)) throw notAllowed(info, qualified);
        return { store, handler: action };
      }
      if (!servesSubresource(definition, info.subresource)) throw notFound();
      if (!SUBRESOURCE_VERBS.has(info.verb)) throw notAllowed(info, qualified);
    } else if (definition.verbs && !definition.verbs.includes(info.verb)) {
      throw notAllowed(info, info.resource);
    }
    return { store, handler: HANDLERS[info.verb] };
  }

  interface Parsed {
    path: string;
    query: URLSearchParams;
    info: RequestInfo;
  }

  function parse(request: ApiRequest): Parsed {
    const queryStart = request.url.indexOf('?');
    const target = queryStart < 0 ? request.url : request.url.slice(0, queryStart);
    const path = request.basePath ? pathBelow(request.basePath, target) : target;
    if (path === undefined) throw notFound();
    const query = new URLSearchParams(queryStart < 0 ? '' : request.url.slice(queryStart + 1));
    return { path, query, info: parseRequestInfo(request.method, path, query) };
  }

  async function dispatch(request: ApiRequest, { path, query, info }: Parsed): Promise<ApiResponse> {
    if (!info.isResourceRequest) {
      const response = await serveNonResource(request, path, { discovery, openapi, version, registry });
      if (response) return response;
      throw notFound();
    }
    const { store, handler } = route(info);
    const response = await handler({ request, query, info, store, registry, maxBodyBytes, now, user, stats, nodes });
    const { deprecationWarning } = store.definition;
    return deprecationWarning ? withWarnings(response, [deprecationWarning]) : response;
  }

  const middleware: Middleware[] = [...(options.middleware ?? [])];

  const answerError = (error: unknown, request: ApiRequest) => errorResponse(error, errorRepresentation(request.header('accept')));

  /** The dispatch behind the middleware: a request changed on the way is parsed again. */
  function throughMiddleware(request: ApiRequest, parsed: Parsed): Promise<ApiResponse> {
    const last = (passed: ApiRequest) => {
      const same = passed.url === request.url && passed.method === request.method && passed.basePath === request.basePath;
      return dispatch(passed, same ? parsed : parse(passed));
    };
    return runMiddleware(middleware, request, parsed.info, last, answerError);
  }

  async function handle(request: ApiRequest): Promise<ApiResponse> {
    try {
      const parsed = parse(request);
      // Without middleware this is the dispatch alone: the GET hot path pays one length check.
      return await (middleware.length === 0 ? dispatch(request, parsed) : throughMiddleware(request, parsed));
    } catch (error) {
      return answerError(error, request);
    }
  }

  return {
    registry,
    client: createClient(registry),
    handle,
    use: (added) => void middleware.push(added),
    stats: () => ({ ...stats }),
    connectNode: (node, connection) => nodes.connect(node, connection),
    close: () => registry.close(),
  };
}
