import type { FieldError } from '@kubekit/apimachinery';
import type { UserInfo } from './admission.js';
import type { Authorizer } from './authorizer.js';
import type { KubeObject } from './kube-object.js';
import type { ResourceStore, WriteOptions } from './resource-store.js';
import type { FromStorage } from './stored-view.js';

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export const ALL_VERBS: readonly Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** Name rules a kind applies to `metadata.name` (k8s.io/apimachinery/pkg/api/validation). */
export type NameRule = 'dns1123-subdomain' | 'dns1123-label' | 'dns1035-label' | 'path-segment' | 'ip-address';

/** The `/scale` subresource: where a kind keeps its replica counts (autoscaling/v1 Scale). */
export interface ScaleSubresource {
  specReplicasPath: string;
  statusReplicasPath: string;
  /** Where a LabelSelector (or, for a custom resource, its string form) selects the pods. */
  labelSelectorPath?: string;
  /** Where a map of labels selects the pods instead (a ReplicationController's `spec.selector`). */
  labelMapPath?: string;
}

/**
 * A subresource that acts rather than stores (pods/binding, pods/eviction, pods/log,
 * serviceaccounts/token), for the `verbs` listed (a create of its `kind`, or a get). Declared here
 * so discovery lists it; with a `handler` (a create) it is served the same way over HTTP and from
 * the in-process client, otherwise by the server.
 */
export interface ActionSubresource {
  name: string;
  kind: string;
  group?: string;
  version?: string;
  verbs: readonly Verb[];
  handler?: ActionHandler;
}

/** What an action is given: the store of the object it acts on, which object, and the request body. */
export interface ActionContext {
  store: ResourceStore;
  namespace: string | undefined;
  name: string;
  /** The body, decoded from JSON or YAML (its `kind` is the action's). */
  body: Record<string, unknown>;
  options: WriteOptions;
  /** Milliseconds since the epoch, as the store reads them. */
  now: number;
}

/** An action's answer: its HTTP code and the object (a `Status`, a token …) it answers with. */
export interface ActionResult {
  code: number;
  body: Record<string, unknown>;
}

export type ActionHandler = (context: ActionContext) => Promise<ActionResult>;

/** One printed column of `kubectl get` (the server's Table conversion). */
export interface TableColumn<T extends KubeObject = KubeObject> {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: string;
  description?: string;
  /** 0 for the default view; 1 for `-o wide` only. */
  priority?: number;
  cell: (object: T, now: number) => string | number | boolean | null;
}

/** What the strategy hooks are told about the request. */
export interface StrategyContext {
  /** Milliseconds since the epoch, one reading per request. */
  now: number;
  /**
   * The names other CRDs of a group were accepted with (the naming controller's view), for the
   * CRD whose plural is `plural`: resource names (plural, singular, short) and kinds (kind, listKind).
   */
  customResourceNamesInUse?: (group: string, plural: string) => { resources: ReadonlySet<string>; kinds: ReadonlySet<string> };
}

/** What answers a create of an ephemeral kind is told. */
export interface EphemeralContext {
  now: number;
  /** The requesting user (the default user when nothing authenticates requests). */
  user: UserInfo;
  authorizer: Authorizer;
}

/**
 * The per-kind rules (k8s.io/apiserver rest.RESTCreateStrategy / RESTUpdateStrategy): each hook
 * gets a private, mutable copy of the object.
 */
export interface Strategy<T extends KubeObject = KubeObject> {
  /** Fills defaults, as the real server does while decoding (SetDefaults_*). */
  defaults?(object: T, context: StrategyContext): void;
  /** Normalises a new object: e.g. clears or initialises status. */
  prepareForCreate?(object: T, context: StrategyContext): void;
  /** Normalises an update of the main resource, of `/status`, or by an action (`subresource` names it). */
  prepareForUpdate?(object: T, old: Readonly<T>, context: StrategyContext & { subresource?: string }): void;
  validate?(object: T): FieldError[];
  /** The rules of an update of the main resource or of `/status`; an action's write is checked by the action. */
  validateUpdate?(object: T, old: Readonly<T>): FieldError[];
}

/**
 * How a kind outside the built-in facts reads a body (a CRD version's structural schema): the
 * object with unknown fields pruned and defaults applied, and the unknown fields' paths for
 * fieldValidation.
 */
export interface ObjectDecoder {
  decode(body: Record<string, unknown>): { object: KubeObject; unknownFields: string[] };
}

export interface ResourceDefinition<T extends KubeObject = KubeObject> {
  /** '' for the legacy core group. */
  group: string;
  version: string;
  kind: string;
  /** The lower-case plural used in paths. */
  resource: string;
  singular: string;
  listKind?: string;
  namespaced: boolean;
  verbs?: readonly Verb[];
  shortNames?: readonly string[];
  categories?: readonly string[];
  nameRule?: NameRule;
  /** Whether the kind has a `/status` subresource: then the main resource ignores status writes, and `/status` everything else. */
  statusSubresource?: boolean;
  /**
   * Whether a `/status` write also sets the annotations: apps/v1 Deployments' status strategy lets
   * them through, and the deployment controller records the revision there without a new generation.
   */
  statusWritesAnnotations?: boolean;
  scale?: ScaleSubresource;
  /** Subresources that act rather than store (eviction, token). */
  actions?: readonly ActionSubresource[];
  /**
   * The resource whose storage this one serves too (events.k8s.io/v1 events are the core/v1
   * events): both read and write the same objects, each through its `fromStorage`.
   */
  storedAs?: { group: string; resource: string };
  /** Whether `metadata.generation` is kept (and bumped on spec changes). */
  generation?: boolean;
  /** A warning every request to this resource answers with (API Concepts: "Warnings" for deprecated APIs). */
  deprecationWarning?: string;
  /**
   * A kind that is never stored (the access and identity reviews): a create, after defaulting,
   * validation and admission, is answered by this function with the object plus its status.
   */
  ephemeral?: (object: T, context: EphemeralContext) => T | Promise<T>;
  /** Whether DELETE answers with the object (true) or with a success `Status` (the default). */
  returnDeletedObject?: boolean;
  /** Fields a list or watch may select on besides metadata.name and metadata.namespace. */
  fieldSelectors?: Readonly<Record<string, (object: T) => string | undefined>>;
  /** `kubectl get` columns; NAME comes first on its own. Without them, NAME and AGE are printed. */
  columns?: readonly TableColumn<T>[];
  strategy?: Strategy<T>;
  /** The body decoding of a kind without built-in facts; without it such a body is kept as sent. */
  decoder?: ObjectDecoder;
  /**
   * How a stored object reads through this version when not as stored (a custom resource: the
   * requested version's apiVersion under `conversion: None`, and its schema's defaults, which
   * apply when an object is read from storage too). Undefined: every object reads as stored.
   */
  fromStorage?: FromStorage<T>;
  /** The OpenAPI v3 schema of a kind without built-in facts (a CRD version's); an open object without it. */
  openApiSchema?: Readonly<Record<string, unknown>>;
}

/** A resource's identity in URLs and errors, e.g. `deployments.apps`. */
export function qualifiedResource(definition: Pick<ResourceDefinition, 'group' | 'resource'>): string {
  return definition.group ? `${definition.resource}.${definition.group}` : definition.resource;
}

export function apiVersionOf(definition: Pick<ResourceDefinition, 'group' | 'version'>): string {
  return definition.group ? `${definition.group}/${definition.version}` : definition.version;
}
