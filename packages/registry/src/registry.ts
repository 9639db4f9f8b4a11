import { isStatusError } from '@kubekit/apimachinery';
import { type MemorySnapshot, MemoryStorage, type RestoreResult, type Storage, type StoredItem, type Watch, type WatchEvent } from '@kubekit/store';
import type { AdmissionPlugin } from './admission.js';
import { type Authorizer, alwaysAllow } from './authorizer.js';
import { ClusterIPAllocator, serviceClusterIPs } from './cluster-ip.js';
import { ServiceClusterIPs } from './service-cluster-ips.js';
import { ServiceNodePorts } from './service-node-ports.js';
import { NodePortRange } from './node-port-range.js';
import { serviceReservationHooks } from './service-reservations.js';
import type { IPAddressObject } from './builtins/networking-ipaddress.js';
import { builtinResources } from './builtins/index.js';
import { CLEANUP_FINALIZER, type CustomResourceDefinition, customResourceDefinitions, customResourceKey, customResourceTermination, isTerminating, namesAccepted, terminatingCondition } from './builtins/apiextensions-crd.js';
import { servedDefinitions } from './custom-resources.js';
import type { KubeObject } from './kube-object.js';
import { formatTime } from './object-meta.js';
import { namespaceLifecycle } from './namespace-lifecycle.js';
import { createDefaultServiceAccount, createSystemObjects } from './system-objects.js';
import { GarbageCollector, propagationPolicyOf } from './garbage-collector.js';
import { podGracePeriod } from './pod-termination.js';
import type { Pod } from './builtins/pod-types.js';
import { deleteNamespace, finishNamespace } from './namespace-deletion.js';
import { type ResourceDefinition, apiVersionOf } from './resource-definition.js';
import { ResourceStore, type ResourceStoreHooks } from './resource-store.js';

export interface RegistryOptions {
  /** Where objects live; an in-memory store by default. */
  storage?: Storage;
  /** The resources served; the built-in catalogue by default. */
  resources?: readonly ResourceDefinition[];
  /** Admission plugins run after the built-in NamespaceLifecycle. */
  admission?: readonly AdmissionPlugin[];
  /** The clock, in milliseconds since the epoch. */
  now?: () => number;
  /** The Service cluster IP range (default 10.96.0.0/12, kubeadm's). */
  serviceCIDR?: string;
  /** What the access reviews answer from; everything is allowed by default (authorization off). */
  authorizer?: Authorizer;
  /**
   * How often the Service repair loops run after the one at start, in milliseconds (kube-apiserver:
   * 3 minutes); 0 runs them at start only. See `repairServices()`.
   */
  repairInterval?: number;
}

const gvrKey = (group: string, version: string, resource: string) => `${group}/${version}/${resource}`;
const gvkKey = (apiVersion: string, kind: string) => `${apiVersion}/${kind}`;

/**
 * Every served resource, each behind its ResourceStore, over one shared Storage (so one
 * resourceVersion counter spans all of them, as in etcd).
 */
export class Registry {
  readonly storage: Storage;
  private readonly stores = new Map<string, ResourceStore>();
  private readonly byKind = new Map<string, ResourceStore>();
  private readonly admission: AdmissionPlugin[];
  private readonly now: () => number;
  private readonly clusterIPs: ClusterIPAllocator;
  private readonly serviceIPs: ServiceClusterIPs;
  private readonly serviceNodePorts: ServiceNodePorts;
  /** What the access reviews answer from. */
  readonly authorizer: Authorizer;
  private changes = 0;
  private readonly collector = new GarbageCollector({
    forKey: (key) => this.resourceForKey(key),
    forKind: (apiVersion, kind) => this.resourceFor(apiVersion, kind),
  });
  private readonly byPrefix = new Map<string, ResourceStore>();
  /** The resources served for CRDs, with the fingerprint of the CRD version each was built from. */
  private readonly customServing = new Map<string, string>();
  /** The `group/plural` of CRDs being deleted: their resources take no creates. */
  private readonly terminating = new Set<string>();
  /**
   * While following a shared storage: per key, the revision of the last change the registry's own
   * state took in (from its own writes or from the follow), so neither applies an older one.
   */
  private observedAt: Map<string, number> | undefined;
  private following: Watch<KubeObject> | undefined;
  private closed = false;
  private readonly repairInterval: number;
  private repairTimer: NodeJS.Timeout | undefined;

  constructor(options: RegistryOptions = {}) {
    this.storage = options.storage ?? new MemoryStorage();
    this.now = options.now ?? Date.now;
    this.repairInterval = options.repairInterval ?? 3 * 60_000;
    this.clusterIPs = new ClusterIPAllocator(options.serviceCIDR ?? '10.96.0.0/12');
    this.serviceIPs = new ServiceClusterIPs(this.clusterIPs, () => this.ipAddresses(), () => this.resource('', 'v1', 'services'));
    this.serviceNodePorts = new ServiceNodePorts(new NodePortRange(this.storage));
    this.authorizer = options.authorizer ?? alwaysAllow;
    this.admission = [namespaceLifecycle(this.storage), customResourceTermination(this.terminating), ...(options.admission ?? [])];
    for (const definition of options.resources ?? builtinResources) this.register(definition);
  }

  /** Serves one more resource (a custom kind); returns its store. */
  register<T extends KubeObject>(definition: ResourceDefinition<T>): ResourceStore<T> {
    const collector = this.collector;
    const hooks: ResourceStoreHooks<T> = {
      written: (item) => collector.observe(item.key, item.object),
      removed: async (item) => {
        collector.observe(item.key, undefined);
        if (definition.namespaced) await finishNamespace(this, item.object.metadata?.namespace ?? '');
      },
      propagate: (store, current, body) => collector.delete(store, current, propagationPolicyOf(body), body.preconditions),
    };
    if (definition === (customResourceDefinitions as unknown)) {
      // The CRD controllers: each served version is live once its definition is written, and
      // gone, with its objects, once the definition is removed.
      hooks.written = (item) => {
        collector.observe(item.key, item.object);
        this.customResourceDefinitionWritten(item.object as CustomResourceDefinition);
      };
      hooks.removed = (item) => {
        collector.observe(item.key, undefined);
        this.terminating.delete(customResourceKey(item.object as CustomResourceDefinition));
        return this.stopServingCustomResource(item.object as CustomResourceDefinition);
      };
      hooks.markedForDeletion = async (_store, item) => (await this.cleanUpCustomResources(item as unknown as StoredItem<CustomResourceDefinition>)) as unknown as StoredItem<T>;
    } else {
      const removed = hooks.removed;
      hooks.removed = async (item) => {
        await removed?.(item);
        // The last object of a CRD being deleted lets the CRD go.
        if (this.customServing.has(gvrKey(definition.group, definition.version, definition.resource))) await this.releaseCustomResourceDefinition(`${definition.resource}.${definition.group}`);
      };
    }
    if (definition.group === '' && definition.resource === 'services') {
      const serviceHooks = hooks as unknown as ResourceStoreHooks<KubeObject>;
      Object.assign(serviceHooks, serviceReservationHooks(this.serviceIPs, this.serviceNodePorts, serviceHooks.removed));
    }
    if (definition.group === 'networking.k8s.io' && definition.resource === 'ipaddresses') {
      const { written: wroteAddress, removed: removedAddress } = hooks;
      hooks.written = (item) => {
        this.observeAddress(item.object.metadata?.name ?? '', true);
        wroteAddress?.(item);
      };
      hooks.removed = async (item) => {
        this.observeAddress(item.object.metadata?.name ?? '', false);
        await removedAddress?.(item);
        await this.serviceIPs.restoreIfHeld(item.object as IPAddressObject);
      };
    }
    const { written, removed } = hooks;
    hooks.written = (item) => {
      this.observedAt?.set(item.key, item.resourceVersion);
      written?.(item);
    };
    hooks.removed = (item) => {
      this.observedAt?.set(item.key, item.resourceVersion);
      return removed?.(item);
    };
    if (definition.group === '' && definition.resource === 'pods') {
      hooks.gracePeriod = (pod, body) => podGracePeriod(pod as Pod, body, this.resource('', 'v1', 'nodes'));
    }
    if (definition.group === '' && definition.resource === 'namespaces') {
      hooks.finalizeDelete = (store, item) => deleteNamespace(this, store, item);
      hooks.created = (item) => createDefaultServiceAccount(this, item.object.metadata?.name ?? '');
    }
    const store = new ResourceStore<T>(
      definition,
      {
        storage: this.storage,
        admission: this.admission,
        strategyContext: () => ({
          now: this.now(),
          customResourceNamesInUse: (group, plural) => this.customResourceNamesInUse(group, plural),
        }),
        authorizer: this.authorizer,
      },
      hooks,
    );
    this.stores.set(gvrKey(definition.group, definition.version, definition.resource), store as unknown as ResourceStore);
    this.byKind.set(gvkKey(apiVersionOf(definition), definition.kind), store as unknown as ResourceStore);
    // A resource that shares another's storage does not own its keys (GC and lookups by key).
    if (!definition.storedAs) this.byPrefix.set(store.prefix(undefined), store as unknown as ResourceStore);
    this.changes++;
    return store;
  }

  /** Stops serving a resource registered before (its objects stay in storage). */
  unregister(group: string, version: string, resource: string): void {
    const store = this.stores.get(gvrKey(group, version, resource));
    if (!store) return;
    this.stores.delete(gvrKey(group, version, resource));
    const kindKey = gvkKey(apiVersionOf(store.definition), store.definition.kind);
    if (this.byKind.get(kindKey) === store) this.byKind.delete(kindKey);
    this.customServing.delete(gvrKey(group, version, resource));
    if (this.byPrefix.get(store.prefix(undefined)) === store) this.byPrefix.delete(store.prefix(undefined));
    this.changes++;
  }

  /**
   * Whether a group's resource is one this registry serves itself (any version: all versions of a
   * resource share its storage). A CRD never takes such a resource over, nor deletes its objects.
   */
  private isOwnResource(group: string, resource: string): boolean {
    for (const [key, store] of this.stores) {
      if (store.definition.group === group && store.definition.resource === resource && !this.customServing.has(key)) return true;
    }
    return false;
  }

  /** The names the custom resources of a group other than `plural` are served under. */
  private customResourceNamesInUse(group: string, plural: string): { resources: Set<string>; kinds: Set<string> } {
    const resources = new Set<string>();
    const kinds = new Set<string>();
    for (const [key, { definition }] of this.stores) {
      if (!this.customServing.has(key) || definition.group !== group || definition.resource === plural) continue;
      for (const name of [definition.resource, definition.singular, ...(definition.shortNames ?? [])]) resources.add(name);
      for (const kind of [definition.kind, definition.listKind ?? `${definition.kind}List`]) kinds.add(kind);
    }
    return { resources, kinds };
  }

  /** A CRD written: its versions served as it says, and its creates stopped while it is being deleted. */
  private customResourceDefinitionWritten(crd: CustomResourceDefinition): void {
    // A CRD for a built-in's resource never serves it, so never stops its creates either.
    if (isTerminating(crd) && !this.isOwnResource(crd.spec?.group ?? '', crd.spec?.names?.plural ?? '')) this.terminating.add(customResourceKey(crd));
    this.serveCustomResource(crd);
  }

  /**
   * Serves each served version of a CRD (again, when it changed) and stops serving the others.
   * A CRD whose names were not accepted changes nothing: it keeps the names it had, if any.
   */
  private serveCustomResource(crd: CustomResourceDefinition): void {
    if (!namesAccepted(crd)) return;
    const served = servedDefinitions(crd);
    const group = crd.spec?.group ?? '';
    if (this.isOwnResource(group, crd.spec?.names?.plural ?? '')) return;
    for (const [key, store] of this.stores) {
      const { definition } = store;
      if (!this.customServing.has(key) || definition.group !== group || definition.resource !== crd.spec?.names?.plural) continue;
      if (!served.some((wanted) => gvrKey(wanted.definition.group, wanted.definition.version, wanted.definition.resource) === key)) {
        this.unregister(group, definition.version, definition.resource);
      }
    }
    for (const { definition, fingerprint } of served) {
      const key = gvrKey(definition.group, definition.version, definition.resource);
      if (this.customServing.get(key) === fingerprint) continue;
      this.unregister(definition.group, definition.version, definition.resource);
      this.register(definition);
      this.customServing.set(key, fingerprint);
    }
  }

  /**
   * The finalizer controller for a CRD marked for deletion: Terminating, its objects deleted (each
   * as a DELETE: one with finalizers stays until they are removed), then the CRD released if none
   * is left. Answers with the CRD as it then is.
   */
  private async cleanUpCustomResources(item: StoredItem<CustomResourceDefinition>): Promise<StoredItem<CustomResourceDefinition>> {
    const name = item.object.metadata?.name ?? '';
    const terminating = await this.crdStore().update(
      undefined,
      name,
      (current) => ({
        ...current,
        status: { ...current.status, conditions: [...(current.status?.conditions ?? []).filter((c) => c.type !== 'Terminating'), terminatingCondition(formatTime(this.now()))] },
      }),
      { subresource: 'status' },
    );
    const [first] = servedDefinitions(item.object);
    const store = first && this.customServing.has(gvrKey(first.definition.group, first.definition.version, first.definition.resource)) ? this.resource(first.definition.group, first.definition.version, first.definition.resource) : undefined;
    await store?.deleteCollection({});
    return (await this.releaseCustomResourceDefinition(name)) ?? terminating;
  }

  private crdStore(): ResourceStore<CustomResourceDefinition> {
    return this.resource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions') as unknown as ResourceStore<CustomResourceDefinition>;
  }

  /** Removes the cleanup finalizer of a CRD being deleted once no object of it is stored; the CRD then goes. */
  private async releaseCustomResourceDefinition(name: string): Promise<StoredItem<CustomResourceDefinition> | undefined> {
    const crds = this.crdStore();
    const crd = await crds.get(undefined, name).catch((error: unknown) => {
      if (isStatusError(error, 'NotFound')) return undefined;
      throw error;
    });
    if (!crd?.object.metadata?.deletionTimestamp || !crd.object.metadata.finalizers?.includes(CLEANUP_FINALIZER)) return undefined;
    const { group = '', names } = crd.object.spec ?? {};
    const plural = names?.plural ?? '';
    // The objects of a built-in's resource are not the CRD's: they never held it back.
    if (!this.isOwnResource(group, plural) && (await this.storage.list(`/${group}/${plural}/`, { limit: 1 })).items.length > 0) return undefined;
    return crds.update(undefined, name, (current) => ({
      ...current,
      metadata: { ...current.metadata, finalizers: (current.metadata?.finalizers ?? []).filter((finalizer) => finalizer !== CLEANUP_FINALIZER) },
    }));
  }

  /** A removed CRD: its objects are deleted (their watchers see it), then its versions go. */
  private async stopServingCustomResource(crd: CustomResourceDefinition): Promise<void> {
    for (const { definition } of servedDefinitions(crd)) {
      const key = gvrKey(definition.group, definition.version, definition.resource);
      const store = this.stores.get(key);
      if (!store || !this.customServing.has(key)) continue;
      try {
        await store.deleteCollection({});
      } finally {
        this.unregister(definition.group, definition.version, definition.resource);
      }
    }
  }

  /** The store of `/apis/{group}/{version}/{resource}` ('' for the core group). */
  resource(group: string, version: string, resource: string): ResourceStore | undefined {
    return this.stores.get(gvrKey(group, version, resource));
  }

  /** The store for an object's `apiVersion` and `kind`. */
  resourceFor(apiVersion: string, kind: string): ResourceStore | undefined {
    return this.byKind.get(gvkKey(apiVersion, kind));
  }

  /** The store holding a storage key (`/<group>/<resource>/…`). */
  resourceForKey(key: string): ResourceStore | undefined {
    const prefix = key.slice(0, key.indexOf('/', key.indexOf('/', 1) + 1) + 1);
    return this.byPrefix.get(prefix);
  }

  /** Goes up whenever the set of served resources changes, so documents derived from it can be cached. */
  get revision(): number {
    return this.changes;
  }

  /**
   * The allocator's in-memory set follows the addresses in use in its range: the IPAddress
   * objects, or where that kind is not served, the Services' own addresses.
   */
  private observeAddress(address: string, present: boolean): void {
    if (!this.clusterIPs.contains(address)) return;
    if (present) this.clusterIPs.reserve(address);
    else this.clusterIPs.release(address);
  }

  private ipAddresses(): ResourceStore<IPAddressObject> | undefined {
    return this.resource('networking.k8s.io', 'v1', 'ipaddresses') as ResourceStore<IPAddressObject> | undefined;
  }

  /** Every served resource, in registration order. */
  resources(): ResourceStore[] {
    return [...this.stores.values()];
  }

  /**
   * Takes what a fresh cluster has on top of what is stored: the registry's own state rebuilt from
   * storage (`resync`), the stored Services' addresses and node ports repaired (the real server's
   * repair loops: data written without them), then the system namespaces, priority classes, the
   * `kubernetes` Service and ServiceCIDR.
   */
  async bootstrap(): Promise<void> {
    if (this.storage.shared) this.observedAt = new Map();
    const resourceVersion = await this.resync();
    await this.repairServices();
    await createSystemObjects(this, this.clusterIPs.cidr, this.clusterIPs.first());
    if (this.storage.shared) this.follow(resourceVersion);
    this.startRepairs();
  }

  /**
   * The real server's Service repair loops, once: every stored Service's cluster IPs get their
   * IPAddress objects and its node ports their bits, and what no Service holds is given back (an
   * IPAddress object after a grace period, a node port after three repairs in a row). They undo
   * what a server stopped between a reservation and its Service's write left behind.
   */
  async repairServices(): Promise<void> {
    const services = this.resource('', 'v1', 'services');
    const stored = services ? (await services.list()).items.map((item) => item.object) : [];
    await this.serviceIPs.repair(stored, this.now());
    await this.serviceNodePorts.repair(stored);
  }

  /** Runs the repair loops every `repairInterval`, one round at a time; a round that fails is retried at the next. */
  private startRepairs(): void {
    if (this.repairInterval <= 0 || this.closed || this.repairTimer) return;
    let running = false;
    this.repairTimer = setInterval(() => {
      if (running) return;
      running = true;
      this.repairServices()
        .catch(() => undefined)
        .finally(() => (running = false));
    }, this.repairInterval);
    this.repairTimer.unref();
  }

  /** Stops following the storage and closes it. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.repairTimer);
    this.following?.stop();
    await this.storage.close();
  }

  /**
   * Keeps the registry's own state current with what other servers write to a shared storage
   * (NEXT-DESIGN 3): one watch of every key from `resourceVersion` on. When the watch ends (the
   * storage's cache reloaded, or the revision expired), the state is rebuilt from what is stored
   * and the watch starts again from there.
   */
  private follow(resourceVersion: number): void {
    void (async () => {
      let from = resourceVersion;
      let pause = 100;
      while (!this.closed) {
        try {
          const watch = await this.storage.watch<KubeObject>('/', { resourceVersion: from });
          this.following = watch;
          if (this.closed) watch.stop();
          for await (const item of watch) {
            if (item.type === 'BOOKMARK') continue;
            from = item.resourceVersion;
            pause = 100;
            this.observeChange(item);
          }
        } catch {
          // An expired revision or an unreachable storage: start again from what is stored.
        }
        if (this.closed) return;
        // Backs off while the storage cannot answer; the timer alone keeps no process alive.
        await new Promise((resolve) => setTimeout(resolve, pause).unref());
        pause = Math.min(pause * 2, 5_000);
        from = await this.resync().catch(() => from);
      }
    })();
  }

  /** Another server's change, as the registry's own write hooks would have taken it in. */
  private observeChange(event: WatchEvent<KubeObject>): void {
    const observedAt = this.observedAt!;
    const seen = observedAt.get(event.key) ?? 0;
    if (seen >= event.resourceVersion) {
      // This registry's own deletion, back through the watch: its entry has done its job.
      if (event.type === 'DELETED' && seen === event.resourceVersion) observedAt.delete(event.key);
      return;
    }
    const object = event.type === 'DELETED' ? undefined : event.object;
    if (object) observedAt.set(event.key, event.resourceVersion);
    else observedAt.delete(event.key);
    this.collector.observe(event.key, object);
    const store = this.resourceForKey(event.key);
    if (store === this.ipAddresses()) {
      this.observeAddress(event.object.metadata?.name ?? '', object !== undefined);
    } else if (store === this.resource('', 'v1', 'services') && !this.ipAddresses()) {
      for (const address of serviceClusterIPs(event.object)) this.observeAddress(address, object !== undefined);
    } else if (store === this.resource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions')) {
      const crd = event.object as CustomResourceDefinition;
      if (object) {
        this.customResourceDefinitionWritten(crd);
      } else {
        // The server that deleted it deleted its objects; here its versions just stop being served.
        this.terminating.delete(customResourceKey(crd));
        for (const { definition } of servedDefinitions(crd)) {
          if (this.customServing.has(gvrKey(definition.group, definition.version, definition.resource))) this.unregister(definition.group, definition.version, definition.resource);
        }
      }
    }
  }

  /**
   * Rebuilds what the registry keeps beside storage from what is stored (NEXT-DESIGN 3): the
   * garbage collector's owner index, the Service cluster IPs in use, and the resources served for
   * CRDs. `bootstrap()` runs it over a store that may hold objects already, and `restore()` after
   * the store went back to a snapshot without passing through the write hooks.
   */
  async resync(): Promise<number> {
    const { items, resourceVersion } = await this.storage.list<KubeObject>('/');
    this.collector.rebuild(items);
    const under = (store: ResourceStore | undefined) => (store ? items.filter((item) => item.key.startsWith(store.prefix(undefined))) : []);
    // The addresses in use: the IPAddress objects, or where the kind is not served, the Services' own.
    const ipAddresses = this.resource('networking.k8s.io', 'v1', 'ipaddresses');
    this.clusterIPs.rebuild(ipAddresses ? under(ipAddresses).map((item) => item.object.metadata?.name ?? '') : under(this.resource('', 'v1', 'services')).flatMap((item) => serviceClusterIPs(item.object)));
    const crds = under(this.resource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions')).map((item) => item.object as CustomResourceDefinition);
    const defined = new Set(crds.map(customResourceKey));
    for (const [key, { definition }] of [...this.stores]) {
      if (this.customServing.has(key) && !defined.has(`${definition.group}/${definition.resource}`)) this.unregister(definition.group, definition.version, definition.resource);
    }
    this.terminating.clear();
    for (const crd of crds) {
      if (isTerminating(crd) && !this.isOwnResource(crd.spec?.group ?? '', crd.spec?.names?.plural ?? '')) this.terminating.add(customResourceKey(crd));
      this.serveCustomResource(crd);
    }
    return resourceVersion;
  }

  /** The stored state, to come back to with `restore()`. Needs the in-memory storage. */
  snapshot(): MemorySnapshot {
    return this.memoryStorage().snapshot();
  }

  /**
   * Returns the store to a snapshot by ordinary writes at new resourceVersions (watchers see the
   * difference as events), then rebuilds the registry's own state from it (`resync`).
   */
  async restore(snapshot: MemorySnapshot): Promise<RestoreResult> {
    const result = await this.memoryStorage().restore(snapshot);
    if (result.changed.length > 0) await this.resync();
    return result;
  }

  private memoryStorage(): MemoryStorage {
    if (!(this.storage instanceof MemoryStorage)) throw new Error('snapshot() and restore() need the in-memory storage (MemoryStorage)');
    return this.storage;
  }
}
