import { type FieldError, isStatusError, newAlreadyExists, newBadRequest, newConflict, newInvalid, newNotFound } from '@kubekit/apimachinery';
import { type ListResult, type Storage, type StoredItem, type Watch, isStorageError, toFrozenJsonSharing } from '@kubekit/store';
import { type AdmissionAttributes, type AdmissionPlugin, type UserInfo, runAdmission } from './admission.js';
import { type Authorizer, DEFAULT_USER } from './authorizer.js';
import { type KubeObject, type ObjectMetaLike, copyForWrite, deepCopy, writable } from './kube-object.js';
import { formatTime, generateName, newUid } from './object-meta.js';
import { type ActionResult, type ResourceDefinition, type StrategyContext, apiVersionOf } from './resource-definition.js';
import { interpretStorageError } from './storage-errors.js';
import { type SelectorOptions, selectionPredicate } from './selection.js';
import { validateObjectMeta } from './validate-meta.js';
import { type DeleteOptionsBody, checkDeleteOptions } from './delete-options.js';
import { parseResourceVersion, specChanged } from './object-compare.js';
import { DEFAULT_FIELD_MANAGER, FieldOwnership } from './field-ownership.js';
import { decodeAs } from './decode-body.js';
import { StoredView } from './stored-view.js';
import { type MaybePromise, andThen } from './maybe-async.js';

/** What every write is told about its request. */
export interface WriteOptions {
  /** `dryRun=All`: run every step but the write. */
  dryRun?: boolean;
  /** Whom the write's fields are recorded for in managedFields (the in-process client's default: `kubekit`). */
  fieldManager?: string;
  user?: UserInfo;
}

/**
 * A write to the object itself, to its `/status`, or by an action (`binding`): an action's write
 * takes the object as the action built it, spec and status alike, and is checked by the action
 * rather than by the kind's update rules.
 */
export interface UpdateOptions extends WriteOptions {
  subresource?: string;
}

export interface ApplyOptions extends UpdateOptions {
  /** `force=true`: take fields other managers own instead of failing with a conflict. */
  force?: boolean;
}

/** The outcome of a server-side apply: the object, and whether the apply created it (201). */
export interface ApplyResult<T extends KubeObject> {
  item: StoredItem<T>;
  created: boolean;
}

export interface ListRequest extends SelectorOptions {
  /** Absent for a cluster-scoped kind, or to list every namespace. */
  namespace?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'NotOlderThan' | 'Exact';
}

export interface WatchRequest extends SelectorOptions {
  namespace?: string;
  resourceVersion?: string;
  sendInitialEvents?: boolean;
}

/** The outcome of a DELETE: the object, and whether it is gone or only marked for deletion. */
export interface DeleteResult<T extends KubeObject> {
  item: StoredItem<T>;
  deleted: boolean;
}

export interface ResourceStoreHooks<T extends KubeObject> {
  /** Runs instead of the plain removal once an object has no finalizers left (namespace lifecycle). */
  finalizeDelete?(store: ResourceStore<T>, item: StoredItem<T>): Promise<DeleteResult<T>>;
  /** Told of every object created (the ServiceAccount controller's default account). */
  created?(item: StoredItem<T>): Promise<void>;
  /** Told of every object written (the garbage collector's owner index). */
  written?(item: StoredItem<T>): void;
  /**
   * Runs once a DELETE has marked an object with finalizers for deletion, and answers the DELETE
   * with what it returns (a CRD's cleanup: its objects deleted, then its own finalizer released).
   */
  markedForDeletion?(store: ResourceStore<T>, item: StoredItem<T>): Promise<StoredItem<T>>;
  /** Told of every object removed from storage (the owner index; a terminating namespace waits for its content). */
  removed?(item: StoredItem<T>): Promise<void>;
  /**
   * Seconds a deletion waits for someone to confirm it (a pod's kubelet): above 0 the object only
   * gets a deletionTimestamp that far ahead and stays; a later delete with 0 removes it.
   */
  gracePeriod?(object: Readonly<T>, body: DeleteOptionsBody): Promise<number>;
  /** Deletes an object without finalizers as its propagation policy says (the garbage collector). */
  propagate?(store: ResourceStore<T>, current: StoredItem<T>, body: DeleteOptionsBody): Promise<DeleteResult<T>>;
  /**
   * Runs once mutating admission is done, before validation and the write (genericregistry
   * Store.BeginCreate): reserves what the object holds beyond its own key (a Service's cluster
   * IPs). The finisher it returns is told whether the create was written, so a create that fails
   * gives its reservations back.
   */
  beginCreate?(object: T, options: WriteOptions): Promise<WriteFinisher | undefined>;
  /**
   * Runs for an update once the strategy has prepared it, before it is frozen, validated and
   * written (the Service storage's BeginUpdate): reserves what the new version holds and the old
   * one did not. A storage that retries the update runs it again; each finisher is told whether
   * its version was written (and then gives back what only the old version held) or not (and
   * then gives back what it reserved). Returns nothing at once when the update changes nothing
   * it reserves, so such updates stay synchronous.
   */
  beginUpdate?(object: T, old: Readonly<T>, options: UpdateOptions): MaybePromise<WriteFinisher | undefined>;
}

/** Told whether the write its reservations were made for was written. */
export type WriteFinisher = (written: boolean) => Promise<void>;

export interface ResourceStoreContext {
  storage: Storage;
  admission: readonly AdmissionPlugin[];
  strategyContext: () => StrategyContext;
  authorizer: Authorizer;
}

function managerOf(options: WriteOptions): string {
  return options.fieldManager ?? DEFAULT_FIELD_MANAGER;
}

/** Thrown out of a tryUpdate to turn an update that releases the last finalizer into a delete. */
const FINALIZED = Symbol('finalized');

/** How many names a create with generateName draws before it gives up on collisions. */
const GENERATE_NAME_ATTEMPTS = 8;

const utf8 = new TextEncoder();

/** A stored item for an object that was never written (dry run). */
function unsavedItem<T extends KubeObject>(key: string, object: T): StoredItem<T> {
  return { key, resourceVersion: 0, object, bytes: utf8.encode(JSON.stringify(object)) };
}

/**
 * The generic registry of one resource (k8s.io/apiserver genericregistry.Store): Kubernetes
 * semantics for create, read, update, delete and watch on top of a `Storage`. Errors are
 * StatusErrors with the real server's wording.
 */
/** What an update writes: the object (also through `/scale`, a view of its spec), its `/status`, or an action's result. */
function writtenPart(subresource: string | undefined): 'main' | 'status' | 'action' {
  if (subresource === 'status') return 'status';
  return subresource === undefined || subresource === 'scale' ? 'main' : 'action';
}

export class ResourceStore<T extends KubeObject = KubeObject> {
  readonly apiVersion: string;
  private readonly ownership: FieldOwnership;
  /** What every reader and writer is answered with: stored items as this version reads them. */
  private readonly view: StoredView<T>;

  constructor(
    readonly definition: ResourceDefinition<T>,
    private readonly context: ResourceStoreContext,
    private readonly hooks: ResourceStoreHooks<T> = {},
  ) {
    this.apiVersion = apiVersionOf(definition);
    this.ownership = new FieldOwnership(definition as unknown as ResourceDefinition);
    this.view = new StoredView(definition.fromStorage);
  }

  /**
   * Runs the action subresource `action` (pods/binding) on an object with a request body: the same
   * for HTTP and the in-process client. 404 for an action the kind does not serve this way.
   */
  act(action: string, namespace: string | undefined, name: string, body: Record<string, unknown>, options: WriteOptions = {}): Promise<ActionResult> {
    const handler = this.definition.actions?.find((candidate) => candidate.name === action)?.handler;
    if (!handler) throw newNotFound({ group: this.definition.group, resource: `${this.definition.resource}/${action}` }, name);
    return handler({ store: this as unknown as ResourceStore, namespace, name, body, options, now: this.context.strategyContext().now });
  }

  /** The storage key: `/<group or core>/<resource>/<namespace>/<name>`. */
  key(namespace: string | undefined, name: string): string {
    return `${this.prefix(namespace)}${name}`;
  }

  /** The key prefix of a collection: one namespace, or the whole resource. */
  prefix(namespace: string | undefined): string {
    const { group, resource } = this.definition.storedAs ?? this.definition;
    const base = `/${group || 'core'}/${resource}/`;
    return this.definition.namespaced && namespace ? `${base}${namespace}/` : base;
  }

  /**
   * One object. `resourceVersion` as on a GET (API Concepts, "Semantics for get"): unset reads the
   * most recent version, "0" any version a cached backend holds.
   */
  async get(namespace: string | undefined, name: string, options: { resourceVersion?: string } = {}): Promise<StoredItem<T>> {
    try {
      const resourceVersion = parseResourceVersion(options.resourceVersion);
      const item = await this.context.storage.get<T>(this.key(namespace, name), resourceVersion === undefined ? {} : { resourceVersion });
      return this.view.item(item);
    } catch (error) {
      throw interpretStorageError(error, this.definition, name);
    }
  }

  async list(request: ListRequest = {}): Promise<ListResult<T>> {
    const predicate = selectionPredicate(this.definition, request);
    const resourceVersion = parseResourceVersion(request.resourceVersion);
    try {
      const result = await this.context.storage.list<T>(this.prefix(request.namespace), {
        ...(predicate && { predicate }),
        ...(request.limit && { limit: request.limit }),
        ...(request.continue && { continue: request.continue }),
        ...(resourceVersion !== undefined && { resourceVersion }),
        ...(request.resourceVersionMatch && { resourceVersionMatch: request.resourceVersionMatch }),
      });
      return this.view.list(result);
    } catch (error) {
      throw interpretStorageError(error, this.definition, '', request.continue ? 'continue' : 'read');
    }
  }

  async watch(request: WatchRequest = {}): Promise<Watch<T>> {
    const predicate = selectionPredicate(this.definition, request);
    const resourceVersion = parseResourceVersion(request.resourceVersion);
    try {
      const watch = await this.context.storage.watch<T>(this.prefix(request.namespace), {
        ...(predicate && { predicate }),
        ...(resourceVersion !== undefined && { resourceVersion }),
        ...(request.sendInitialEvents && { sendInitialEvents: true }),
      });
      return this.view.watch(watch);
    } catch (error) {
      throw interpretStorageError(error, this.definition, '');
    }
  }

  /** POST: rest.BeforeCreate (identity, generateName, system fields, strategy, validation), admission, write. */
  async create(namespace: string | undefined, input: KubeObject, options: WriteOptions = {}): Promise<StoredItem<T>> {
    return this.view.item(await this.createObject(namespace, input, options, false));
  }

  /** The create; `applied` when an apply already recorded the managed fields. */
  private async createObject(namespace: string | undefined, input: KubeObject, options: WriteOptions, applied: boolean): Promise<StoredItem<T>> {
    const object = this.withTypeMeta(writable(input) as T);
    if (this.definition.ephemeral) return this.answer(object, namespace, options);
    const meta = (object.metadata ??= {});
    this.checkNamespace(object, namespace);
    const generated = !meta.name && Boolean(meta.generateName);
    if (generated) meta.name = generateName(meta.generateName!);
    const strategyContext = this.context.strategyContext();
    this.setCreateSystemFields(object, strategyContext.now);
    this.definition.strategy?.defaults?.(object, strategyContext);
    // The field manager sees the object as decoded and defaulted, before the strategy and
    // admission change it (create.go runs it ahead of both).
    if (!applied) this.ownership.recordUpdate(undefined, object, { manager: managerOf(options) }, strategyContext.now);
    this.definition.strategy?.prepareForCreate?.(object, strategyContext);
    const attributes = this.attributes('CREATE', object, undefined, undefined, options);
    await runAdmission(this.context.admission, 'admit', attributes);
    const finish = await this.hooks.beginCreate?.(object, options);
    let written = false;
    try {
      this.validate(object, [...validateObjectMeta(this.definition as unknown as ResourceDefinition, object), ...(this.definition.strategy?.validate?.(object) ?? [])]);
      await runAdmission(this.context.admission, 'validate', attributes);
      const key = this.key(meta.namespace, meta.name ?? '');
      if (options.dryRun) {
        if (await this.exists(key, meta.name ?? '')) {
          throw newAlreadyExists({ group: this.definition.group, resource: this.definition.resource }, meta.name ?? '');
        }
        return unsavedItem(key, object);
      }
      const item = await this.insert(object, generated ? meta.generateName : undefined);
      written = true;
      await this.hooks.created?.(item);
      return item;
    } finally {
      await finish?.(written);
    }
  }

  /**
   * The create of an ephemeral kind (a review): no name, uid or storage; the strategy's defaults
   * and validation, then the kind's answer.
   */
  private async answer(object: T, namespace: string | undefined, options: WriteOptions): Promise<StoredItem<T>> {
    this.checkNamespace(object, namespace);
    const strategyContext = this.context.strategyContext();
    this.definition.strategy?.defaults?.(object, strategyContext);
    this.validate(object, this.definition.strategy?.validate?.(object) ?? []);
    const context = { now: strategyContext.now, user: options.user ?? DEFAULT_USER, authorizer: this.context.authorizer };
    return unsavedItem(this.key(namespace, ''), await this.definition.ephemeral!(object, context));
  }

  /** Writes a new object; a generated name that collides is drawn again (the RetryGenerateName rule). */
  private async insert(object: T, generateNamePrefix: string | undefined): Promise<StoredItem<T>> {
    const meta = object.metadata!;
    for (let attempt = 1; ; attempt++) {
      try {
        return this.wrote(await this.context.storage.create(this.key(meta.namespace, meta.name ?? ''), object));
      } catch (error) {
        if (generateNamePrefix === undefined || attempt >= GENERATE_NAME_ATTEMPTS || !isStorageError(error, 'KeyExists')) {
          throw interpretStorageError(error, this.definition, meta.name ?? '');
        }
        meta.name = generateName(generateNamePrefix);
      }
    }
  }

  /**
   * PUT and PATCH (and their `/status` forms): `transform` builds the new object from the current
   * one; it runs inside guaranteedUpdate, so on a conflict it is re-applied to the fresh object.
   */
  async update(
    namespace: string | undefined,
    name: string,
    transform: (current: Readonly<T>) => KubeObject | Promise<KubeObject>,
    options: UpdateOptions = {},
  ): Promise<StoredItem<T>> {
    return this.view.item(await this.updateObject(namespace, name, transform, options, false));
  }

  /**
   * Server-side apply (PATCH with `application/apply-patch+yaml`): merges `config` into the
   * object with field ownership, or creates the object from it when there is none (not through
   * `/status` or `/scale`). Conflicts with other managers are 409 unless `force`.
   */
  async apply(namespace: string | undefined, name: string, config: KubeObject, options: ApplyOptions): Promise<ApplyResult<T>> {
    const identity = { manager: managerOf(options), subresource: options.subresource, force: options.force ?? false };
    const merge = (current: Readonly<T> | undefined): KubeObject => {
      const merged = this.ownership.apply(current, config, identity, this.context.strategyContext().now);
      // The merged object is decoded as a body is (the apply engine leaves scalar types to it).
      return decodeAs(this.definition, merged as Record<string, unknown>, 'Ignore').object;
    };
    for (let attempt = 1; ; attempt++) {
      const exists = await this.exists(this.key(namespace, name), name);
      if (exists || options.subresource) {
        const item = await this.updateObject(namespace, name, (current) => merge(current), options, true);
        return { item: this.view.item(item), created: false };
      }
      const object = merge(undefined);
      const meta = (object.metadata ??= {});
      if (meta.name !== undefined && meta.name !== name) {
        throw newBadRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
      }
      meta.name = name;
      try {
        return { item: this.view.item(await this.createObject(namespace, object, options, true)), created: true };
      } catch (error) {
        // Created by someone else since the read: apply to theirs.
        if (attempt >= 3 || !isStatusError(error, 'AlreadyExists')) throw error;
      }
    }
  }

  private async updateObject(
    namespace: string | undefined,
    name: string,
    transform: (current: Readonly<T>) => KubeObject | Promise<KubeObject>,
    options: UpdateOptions,
    applied: boolean,
  ): Promise<StoredItem<T>> {
    const key = this.key(namespace, name);
    let finalized: StoredItem<T> | undefined;
    // Per attempt of the storage's compare-and-swap, what its BeginUpdate reserved: only the last one's version is written.
    const attempts: (WriteFinisher | undefined)[] = [];
    // Synchronous unless a step is not, so that concurrent writes of one object do not make each
    // other start again (see maybe-async.ts).
    const tryUpdate = (stored: StoredItem<T>): MaybePromise<T> => {
      // The update starts from the object as this version reads it, as a client that read it would.
      const current = this.view.item(stored);
      const prepared = andThen(transform(current.object), (changed) =>
        this.prepareUpdate(current.object, this.withTypeMeta(writable(changed) as T), namespace, name, options, applied, attempts),
      );
      return andThen(prepared, (next) => {
        // genericregistry Store.Update: an update that empties the finalizers of an object being
        // deleted is not written; the object is deleted instead (one DELETED event).
        if (!options.dryRun && next.metadata?.deletionTimestamp && !next.metadata.finalizers?.length) {
          finalized = current;
          throw FINALIZED;
        }
        return next;
      });
    };
    try {
      if (options.dryRun) {
        const current = await this.context.storage.get<T>(key);
        return unsavedItem(key, await tryUpdate(current));
      }
      let written = false;
      try {
        const item = this.wrote(await this.context.storage.guaranteedUpdate<T>(key, tryUpdate));
        written = true;
        return item;
      } finally {
        for (const [i, finish] of attempts.entries()) await finish?.(written && i === attempts.length - 1);
      }
    } catch (error) {
      if (error === FINALIZED && finalized) return this.removeFinalized(finalized);
      throw interpretStorageError(error, this.definition, name);
    }
  }

  /** DELETE: preconditions, admission, then either removal or (with finalizers) a deletionTimestamp. */
  async delete(
    namespace: string | undefined,
    name: string,
    body: DeleteOptionsBody = {},
    options: WriteOptions = {},
  ): Promise<DeleteResult<T>> {
    const { item, deleted } = await this.deleteObject(namespace, name, body, options);
    return { item: this.view.item(item), deleted };
  }

  private async deleteObject(namespace: string | undefined, name: string, body: DeleteOptionsBody, options: WriteOptions): Promise<DeleteResult<T>> {
    checkDeleteOptions(body);
    const current = await this.get(namespace, name);
    this.checkPreconditions(current.object, body.preconditions, name);
    const attributes = this.attributes('DELETE', undefined, current.object, undefined, options);
    await runAdmission(this.context.admission, 'admit', attributes);
    await runAdmission(this.context.admission, 'validate', attributes);
    if (options.dryRun) return { item: current, deleted: true };
    const grace = (await this.hooks.gracePeriod?.(current.object, body)) ?? 0;
    if (grace > 0) return this.deleteGracefully(namespace, name, current, grace);
    if (current.object.metadata?.finalizers?.length) {
      if (current.object.metadata.deletionTimestamp) return { item: current, deleted: false };
      const marked = await this.markForDeletion(namespace, name);
      return { item: this.hooks.markedForDeletion ? await this.hooks.markedForDeletion(this, marked) : marked, deleted: false };
    }
    if (this.hooks.finalizeDelete) return this.hooks.finalizeDelete(this, current);
    if (this.hooks.propagate) return this.hooks.propagate(this, current, body);
    return { item: await this.remove(current, body.preconditions), deleted: true };
  }

  /**
   * A graceful deletion (API Concepts, "Graceful deletion"): deletionTimestamp = now + grace. A
   * later one may shorten the time left, never lengthen it.
   */
  private async deleteGracefully(namespace: string | undefined, name: string, current: StoredItem<T>, grace: number): Promise<DeleteResult<T>> {
    const marked = current.object.metadata?.deletionTimestamp;
    const deadline = this.context.strategyContext().now + grace * 1000;
    if (marked && Date.parse(marked) <= deadline) return { item: current, deleted: false };
    const item = await this.markForDeletion(namespace, name, (next) => {
      next.metadata!.deletionTimestamp = formatTime(deadline);
      next.metadata!.deletionGracePeriodSeconds = grace;
    });
    return { item, deleted: false };
  }

  /** Removes an object from storage, answering with it stamped at the deletion's resourceVersion. */
  async remove(current: StoredItem<T>, preconditions?: DeleteOptionsBody['preconditions']): Promise<StoredItem<T>> {
    const name = current.object.metadata?.name ?? '';
    let removed: StoredItem<T>;
    try {
      removed = await this.context.storage.delete<T>(current.key, preconditions ? { preconditions } : {});
    } catch (error) {
      throw interpretStorageError(error, this.definition, name);
    }
    await this.hooks.removed?.(removed);
    return removed;
  }

  /** Sets deletionTimestamp (once) so finalizers can run; the object goes when the last one is removed. */
  async markForDeletion(namespace: string | undefined, name: string, change?: (object: T) => void): Promise<StoredItem<T>> {
    try {
      const marked = await this.context.storage.guaranteedUpdate<T>(this.key(namespace, name), (current) => {
        const next = deepCopy(current.object) as T;
        const meta = (next.metadata ??= {});
        meta.deletionTimestamp ??= formatTime(this.context.strategyContext().now);
        meta.deletionGracePeriodSeconds ??= 0;
        if (this.definition.generation && !current.object.metadata?.deletionTimestamp) meta.generation = (meta.generation ?? 0) + 1;
        change?.(next);
        return next;
      });
      return this.wrote(marked);
    } catch (error) {
      throw interpretStorageError(error, this.definition, name);
    }
  }

  /** DELETE on a collection: every object the selectors match, each as a single DELETE. */
  async deleteCollection(request: ListRequest, body: DeleteOptionsBody = {}, options: WriteOptions = {}): Promise<StoredItem<T>[]> {
    checkDeleteOptions(body);
    const { items } = await this.list({ ...request, limit: 0 });
    const deleted: StoredItem<T>[] = [];
    for (const item of items) {
      try {
        const result = await this.delete(item.object.metadata?.namespace, item.object.metadata?.name ?? '', body, options);
        deleted.push(result.item);
      } catch (error) {
        // An object deleted concurrently is already where this request wanted it.
        if (!isStatusError(error, 'NotFound')) throw error;
      }
    }
    return deleted;
  }

  private wrote(item: StoredItem<T>): StoredItem<T> {
    this.hooks.written?.(item);
    return item;
  }

  /** Removes an object whose last finalizer went; a namespace finishes its own way. */
  private async removeFinalized(current: StoredItem<T>): Promise<StoredItem<T>> {
    if (this.hooks.finalizeDelete) return (await this.hooks.finalizeDelete(this, current)).item;
    return this.remove(current, { resourceVersion: String(current.resourceVersion) });
  }

  private prepareUpdate(
    old: Readonly<T>,
    next: T,
    namespace: string | undefined,
    name: string,
    options: UpdateOptions,
    applied: boolean,
    attempts: (WriteFinisher | undefined)[],
  ): MaybePromise<T> {
    const meta = (next.metadata ??= {});
    if (meta.name !== undefined && meta.name !== name) {
      throw newBadRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
    }
    meta.name = name;
    this.checkNamespace(next, namespace);
    const oldMeta: ObjectMetaLike = old.metadata ?? {};
    // API Concepts, optimistic concurrency: a resourceVersion in the body must be the current one.
    if (meta.resourceVersion && meta.resourceVersion !== oldMeta.resourceVersion) {
      throw newConflict(
        { group: this.definition.group, resource: this.definition.resource },
        name,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }
    const part = writtenPart(options.subresource);
    const updated = part === 'status' ? this.statusUpdate(old, next) : part === 'action' ? this.keepSystemMetadata(old, next) : this.mainUpdate(old, next);
    const strategyContext = this.context.strategyContext();
    this.definition.strategy?.defaults?.(updated, strategyContext);
    if (applied) {
      if (next.metadata?.managedFields) updated.metadata!.managedFields = next.metadata.managedFields;
      else delete updated.metadata!.managedFields;
    } else {
      this.ownership.recordUpdate(old, updated, { manager: managerOf(options), subresource: options.subresource }, strategyContext.now);
    }
    // update.go's order: the field manager, then mutating admission, then the store's BeforeUpdate
    // (the strategy's PrepareForUpdate, which bumps the generation, and validation), then
    // validating admission. So a spec that admission changed is a new generation too.
    const attributes = this.attributes('UPDATE', updated, old, options.subresource, options);
    return andThen(runAdmission(this.context.admission, 'admit', attributes), () => {
      // An action's write (a binding) is not a change of the desired state.
      if (this.definition.generation && part !== 'action') {
        const generation = old.metadata?.generation ?? 1;
        updated.metadata!.generation = specChanged(old, updated) ? generation + 1 : generation;
      }
      // After the generic generation rule, so a strategy may bump it for more (a Deployment's annotations).
      this.definition.strategy?.prepareForUpdate?.(updated, old, {
        ...strategyContext,
        ...(options.subresource && { subresource: options.subresource }),
      });
      return andThen(this.hooks.beginUpdate?.(updated, old, options), (finish) => {
        attempts.push(finish);
        // Nothing changes the object after this: it is frozen now, sharing every subtree equal to
        // the old version's, so the checks below compare unchanged parts by identity and the
        // storage's own copy finds them shared already.
        const checked = toFrozenJsonSharing(updated, old) as T;
        const validated = { ...attributes, object: checked };
        this.validate(checked, [
          ...validateObjectMeta(this.definition as unknown as ResourceDefinition, checked),
          ...(this.definition.strategy?.validate?.(checked) ?? []),
          ...(part !== 'action' && this.definition.strategy?.validateUpdate ? this.definition.strategy.validateUpdate(checked, old) : []),
        ]);
        return andThen(runAdmission(this.context.admission, 'validate', validated), () => checked);
      });
    });
  }

  /** System metadata stays as stored. */
  private keepSystemMetadata(old: Readonly<T>, next: T): T {
    const meta = next.metadata!;
    const oldMeta: ObjectMetaLike = old.metadata ?? {};
    for (const field of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const) {
      if (oldMeta[field] === undefined) delete meta[field];
      else meta[field] = oldMeta[field] as never;
    }
    return next;
  }

  /** The main resource: system metadata stays as stored, and status too where `/status` owns it. */
  private mainUpdate(old: Readonly<T>, next: T): T {
    this.keepSystemMetadata(old, next);
    if (this.definition.statusSubresource) {
      if (old.status === undefined) delete next.status;
      else next.status = deepCopy(old.status);
    }
    return next;
  }

  /** `/status`: only status changes; everything else stays as stored (ResetObjectMetaForStatus). */
  private statusUpdate(old: Readonly<T>, next: T): T {
    const updated = copyForWrite(old) as T;
    if (next.status === undefined) delete updated.status;
    else updated.status = next.status;
    if (this.definition.statusWritesAnnotations) {
      const annotations = next.metadata?.annotations;
      updated.metadata = { ...updated.metadata };
      if (annotations) updated.metadata.annotations = annotations;
      else delete updated.metadata.annotations;
    }
    return updated;
  }

  private setCreateSystemFields(object: T, now: number): void {
    const meta = object.metadata!;
    meta.uid = newUid();
    meta.creationTimestamp = formatTime(now);
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (this.definition.generation) meta.generation = 1;
    else delete meta.generation;
  }

  /**
   * Checks the body's apiVersion and kind against the URL's, and returns the object with them
   * first, in the field order the real server writes (kind, apiVersion, metadata, …).
   */
  private withTypeMeta(object: T): T {
    if (object.apiVersion !== undefined && object.apiVersion !== this.apiVersion) {
      throw newBadRequest(
        `the API version in the data (${object.apiVersion}) does not match the expected API version (${this.apiVersion})`,
      );
    }
    if (object.kind !== undefined && object.kind !== this.definition.kind) {
      throw newBadRequest(`the kind in the data (${object.kind}) does not match the expected kind (${this.definition.kind})`);
    }
    const { kind: _kind, apiVersion: _apiVersion, metadata, ...rest } = object;
    return { kind: this.definition.kind, apiVersion: this.apiVersion, metadata: metadata ?? {}, ...rest } as T;
  }

  private checkNamespace(object: T, namespace: string | undefined): void {
    const meta = object.metadata!;
    if (!this.definition.namespaced) {
      delete meta.namespace;
      return;
    }
    if (meta.namespace && namespace && meta.namespace !== namespace) {
      throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    if (namespace) meta.namespace = namespace;
  }

  private checkPreconditions(object: Readonly<T>, preconditions: DeleteOptionsBody['preconditions'], name: string): void {
    const meta: ObjectMetaLike = object.metadata ?? {};
    const conflict = (message: string) =>
      newConflict({ group: this.definition.group, resource: this.definition.resource }, name, message);
    if (preconditions?.uid && preconditions.uid !== meta.uid) {
      throw conflict(`Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${meta.uid ?? ''}`);
    }
    if (preconditions?.resourceVersion && preconditions.resourceVersion !== meta.resourceVersion) {
      throw conflict(
        `Precondition failed: ResourceVersion in precondition: ${preconditions.resourceVersion}, ResourceVersion in object meta: ${meta.resourceVersion ?? ''}`,
      );
    }
  }

  private validate(object: T, errors: FieldError[]): void {
    if (errors.length === 0) return;
    throw newInvalid({ group: this.definition.group, kind: this.definition.kind }, object.metadata?.name ?? '', errors);
  }

  private async exists(key: string, name = ''): Promise<boolean> {
    try {
      await this.context.storage.get(key);
      return true;
    } catch (error) {
      if (isStorageError(error, 'KeyNotFound')) return false;
      throw interpretStorageError(error, this.definition, name);
    }
  }

  private attributes(
    operation: AdmissionAttributes['operation'],
    object: KubeObject | undefined,
    oldObject: Readonly<KubeObject> | undefined,
    subresource: string | undefined,
    options: WriteOptions,
  ): AdmissionAttributes {
    const meta = (object ?? oldObject)?.metadata ?? {};
    return {
      operation,
      definition: this.definition as unknown as ResourceDefinition,
      namespace: this.definition.namespaced ? meta.namespace : undefined,
      name: meta.name ?? '',
      subresource,
      object,
      oldObject,
      dryRun: options.dryRun ?? false,
      user: options.user,
    };
  }
}
