import { fieldInvalid, isStatusError, newInvalid } from '@kubekit/apimachinery';
import type { StoredItem } from '@kubekit/store';
import { type ClusterIPAllocator, rangeFull, serviceClusterIPs } from './cluster-ip.js';
import type { IPAddressObject, ParentReference } from './builtins/networking-ipaddress.js';
import { type ServiceSpec, allocatesClusterIP, needsClusterIP, serviceSpecOf as specOf } from './builtins/service-allocation.js';
import type { KubeObject } from './kube-object.js';
import type { ResourceStore, WriteFinisher, WriteOptions } from './resource-store.js';

/** The labels the real allocator puts on the IPAddress objects it creates. */
const IP_FAMILY_LABEL = 'ipaddress.kubernetes.io/ip-family';
const MANAGED_BY_LABEL = 'ipaddress.kubernetes.io/managed-by';
const IP_ALLOCATOR = 'ipallocator.k8s.io';
/** Whom the allocator's writes are recorded for: the server itself, through its loopback client. */
const ALLOCATOR_FIELD_MANAGER = 'kube-apiserver';
/** How many random addresses a create tries before it gives up (each taken one is remembered as in use). */
const ALLOCATION_ATTEMPTS = 32;
/**
 * How old an IPAddress object no Service holds must be before repair deletes it (repairip.go: the
 * request timeout, so a create that reserved it has finished or failed by then).
 */
export const ORPHAN_GRACE_MS = 60_000;

/** serviceToRef: the core group is the empty string, which the JSON leaves out. */
function parentOf(service: Readonly<KubeObject>): ParentReference {
  return { resource: 'services', namespace: service.metadata?.namespace ?? '', name: service.metadata?.name ?? '' };
}

/** A reference to a Service: the core group, resource `services`. */
const isServiceRef = (parent: ParentReference) => (parent.group ?? '') === '' && parent.resource === 'services';

function sameParent(a: ParentReference | undefined, b: ParentReference): boolean {
  return (a?.group ?? '') === (b.group ?? '') && a?.resource === b.resource && (a?.namespace ?? '') === (b.namespace ?? '') && a?.name === b.name;
}

/** The addresses of a Service that this range hands out: what it holds an IPAddress object for. */
function allocatedIPs(service: Readonly<KubeObject> | undefined, allocator: ClusterIPAllocator): string[] {
  if (!service || !needsClusterIP(specOf(service))) return [];
  return serviceClusterIPs(service).filter((ip) => allocator.contains(ip));
}

/** An address the Service asked for and cannot have, as the Service REST storage reports it: 422 on spec.clusterIPs. */
function notAllocated(service: Readonly<KubeObject>, ip: string, reason: string) {
  return newInvalid({ group: '', kind: 'Service' }, service.metadata?.name ?? '', [
    fieldInvalid('spec.clusterIPs', specOf(service).clusterIPs ?? [ip], `failed to allocate IP ${ip}: ${reason}`),
  ]);
}

/**
 * Service cluster IPs held as IPAddress objects (networking.k8s.io/v1), as kube-apiserver holds
 * them since the MultiCIDRServiceAllocator went GA (1.33): an address belongs to the Service whose
 * create made its IPAddress object, named by the address. The create of that object is the
 * allocation, so two servers on one storage can never hand out one address twice, and a Service
 * that asks for an address in use is refused. The allocator's in-memory set only proposes
 * candidates; it follows the IPAddress objects.
 */
export class ServiceClusterIPs {
  constructor(
    private readonly allocator: ClusterIPAllocator,
    private readonly ipAddresses: () => ResourceStore<IPAddressObject> | undefined,
    private readonly services: () => ResourceStore<KubeObject> | undefined,
  ) {}

  /**
   * BeginCreate of a Service: reserves the addresses it asks for, or a free one when it asks for
   * none. A dry run only checks. The finisher gives back what was reserved when the Service was
   * not written.
   */
  async beginCreate(service: KubeObject, options: WriteOptions, held: readonly string[] = []): Promise<WriteFinisher | undefined> {
    const spec = specOf(service);
    if (!allocatesClusterIP(spec)) return undefined;
    const store = this.ipAddresses();
    if (!store) {
      // Served without IPAddress objects: the in-memory set is all there is.
      if (!spec.clusterIP) this.assign(service, this.allocator.allocate());
      return undefined;
    }
    const parent = parentOf(service);
    const created: string[] = [];
    // A create that lost to another of the same name leaves the winner's addresses alone.
    const release = async () => {
      const winner = await this.storedService(parent);
      for (const ip of created) if (!winner || !allocatedIPs(winner, this.allocator).includes(ip)) await this.deleteIfOwned(ip, parent);
    };
    try {
      if (spec.clusterIP) {
        for (const ip of serviceClusterIPs(service)) {
          const refusal = this.allocator.refusal(ip);
          if (refusal) throw notAllocated(service, ip, refusal);
        }
        for (const ip of allocatedIPs(service, this.allocator).filter((address) => !held.includes(address))) {
          const outcome = await this.reserve(store, ip, parent, options);
          if (outcome === 'taken') throw notAllocated(service, ip, 'provided IP is already allocated');
          if (outcome === 'created') created.push(ip);
        }
      } else {
        this.assign(service, await this.reserveAny(store, parent, options, created));
      }
    } catch (error) {
      await release();
      throw error;
    }
    if (options.dryRun) return undefined;
    return async (written) => {
      if (!written) await release();
      else {
        if (service.metadata?.name !== parent.name) await this.renamed(created, parent, parentOf(service));
        for (const ip of held) if (!allocatedIPs(service, this.allocator).includes(ip)) await this.deleteIfOwned(ip, parent);
      }
    };
  }

  /**
   * BeginUpdate of a Service: an update that gives it addresses (a turn from ExternalName)
   * reserves them as a create does; once written, the addresses only the old version held go back.
   * An update that changes no address stays synchronous.
   */
  beginUpdate(service: KubeObject, old: Readonly<KubeObject>, options: WriteOptions): WriteFinisher | Promise<WriteFinisher | undefined> | undefined {
    const before = allocatedIPs(old, this.allocator);
    const spec = specOf(service);
    const gains = allocatesClusterIP(spec) && (!spec.clusterIP || allocatedIPs(service, this.allocator).some((ip) => !before.includes(ip)));
    const dropped = () => before.filter((ip) => !allocatedIPs(service, this.allocator).includes(ip));
    if (gains) return this.beginCreate(service, options, before).then((finish) => finish ?? this.releaseWhenWritten(dropped(), parentOf(service), options));
    return this.releaseWhenWritten(dropped(), parentOf(service), options);
  }

  private releaseWhenWritten(ips: readonly string[], parent: ParentReference, options: WriteOptions): WriteFinisher | undefined {
    if (options.dryRun || ips.length === 0) return undefined;
    return async (written) => {
      if (written) for (const ip of ips) await this.deleteIfOwned(ip, parent);
    };
  }

  /** A Service removed from storage gives its addresses back. */
  async removed(item: StoredItem<KubeObject>): Promise<void> {
    const parent = parentOf(item.object);
    for (const ip of allocatedIPs(item.object, this.allocator)) await this.deleteIfOwned(ip, parent);
  }

  /**
   * The real server's repair loop (RepairIPAddress), run at start and then every repair interval:
   * - every stored Service's address gets its IPAddress object (objects written before kubekit
   *   kept them, or by a server stopped between the two writes);
   * - an object the allocator made that points at another Service, while a stored Service holds
   *   its address, is made again for the holder;
   * - an object no stored Service holds is deleted once it is older than ORPHAN_GRACE_MS: a create
   *   or update may still be on its way to storage with it (a server stopped half way, or a
   *   release that failed, leaves it behind). One not pointing at a Service at all goes at once.
   */
  async repair(services: readonly Readonly<KubeObject>[], now: number): Promise<void> {
    const store = this.ipAddresses();
    if (!store) return;
    const holders = new Map<string, Readonly<KubeObject>>();
    const byName = new Map<string, Readonly<KubeObject>>();
    for (const service of services) {
      byName.set(`${service.metadata?.namespace ?? ''}/${service.metadata?.name ?? ''}`, service);
      for (const ip of allocatedIPs(service, this.allocator)) if (!holders.has(ip)) holders.set(ip, service);
    }
    const found = new Set<string>();
    for (const { object: address } of (await store.list()).items) {
      const ip = address.metadata?.name ?? '';
      found.add(ip);
      if (address.metadata?.labels?.[MANAGED_BY_LABEL] !== IP_ALLOCATOR) continue;
      const parent = address.spec?.parentRef;
      const toService = parent !== undefined && isServiceRef(parent);
      // The Service it points at holds the address (the holder, or a second holder of a duplicate): nothing to repair.
      const referenced = toService ? byName.get(`${parent.namespace ?? ''}/${parent.name ?? ''}`) : undefined;
      if (referenced && allocatedIPs(referenced, this.allocator).includes(ip)) continue;
      const holder = holders.get(ip);
      if (!holder && toService && now - Date.parse(address.metadata?.creationTimestamp ?? '') <= ORPHAN_GRACE_MS) continue;
      await this.deleteUnlessChanged(store, ip, { uid: address.metadata?.uid, resourceVersion: address.metadata?.resourceVersion });
      if (holder) await this.reserve(store, ip, parentOf(holder), {});
    }
    for (const [ip, holder] of holders) if (!found.has(ip)) await this.reserve(store, ip, parentOf(holder), {});
  }

  /**
   * The repair controller's answer to an IPAddress deleted while its Service still holds the
   * address (`kubectl delete ipaddress`): the object is made again, so the address is not handed out twice.
   */
  async restoreIfHeld(ipAddress: Readonly<IPAddressObject>): Promise<void> {
    const store = this.ipAddresses();
    const parent = ipAddress.spec?.parentRef;
    const ip = ipAddress.metadata?.name ?? '';
    if (!store || !parent || !isServiceRef(parent)) return;
    const service = await this.storedService(parent);
    if (service && allocatedIPs(service, this.allocator).includes(ip)) await this.reserve(store, ip, parentOf(service), {});
  }

  private assign(service: KubeObject, ip: string): void {
    const spec = (service.spec ??= {}) as ServiceSpec;
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
  }

  /** A random free address: candidates from the in-memory set until one's IPAddress create succeeds. */
  private async reserveAny(store: ResourceStore<IPAddressObject>, parent: ParentReference, options: WriteOptions, created: string[]): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const ip = this.allocator.allocate();
      const outcome = await this.reserve(store, ip, parent, options);
      // A dry run leaves the address free; one found taken stays marked (its object will be seen).
      if (options.dryRun) this.allocator.release(ip);
      if (outcome === 'created') created.push(ip);
      if (outcome !== 'taken') return ip;
      if (attempt >= ALLOCATION_ATTEMPTS) throw rangeFull();
    }
  }

  /**
   * Creates the IPAddress object of `ip` for `parent`: `created`, `ours` when it exists for this
   * very Service already (left by a create that failed half way, or kept across a restart), or
   * `taken`. A dry run only looks.
   */
  private async reserve(store: ResourceStore<IPAddressObject>, ip: string, parent: ParentReference, options: WriteOptions): Promise<'created' | 'ours' | 'taken'> {
    if (!options.dryRun) {
      try {
        await store.create(undefined, ipAddressFor(ip, parent), { fieldManager: ALLOCATOR_FIELD_MANAGER });
        return 'created';
      } catch (error) {
        if (!isStatusError(error, 'AlreadyExists')) throw error;
      }
    }
    const existing = await store.get(undefined, ip).catch((error: unknown) => {
      if (isStatusError(error, 'NotFound')) return undefined;
      throw error;
    });
    if (!existing) return 'created';
    return sameParent(existing.object.spec?.parentRef, parent) && !(await this.storedService(parent)) ? 'ours' : 'taken';
  }

  private async storedService(parent: ParentReference): Promise<Readonly<KubeObject> | undefined> {
    const services = this.services();
    if (!services) return undefined;
    return services.get(parent.namespace, parent.name ?? '').then(
      (item) => item.object,
      (error: unknown) => {
        if (isStatusError(error, 'NotFound')) return undefined;
        throw error;
      },
    );
  }

  /** Deletes the IPAddress object of `ip` if it is `parent`'s: another Service's stays. */
  private async deleteIfOwned(ip: string, parent: ParentReference): Promise<void> {
    const store = this.ipAddresses();
    if (!store) {
      this.allocator.release(ip);
      return;
    }
    const existing = await store.get(undefined, ip).catch((error: unknown) => {
      if (isStatusError(error, 'NotFound')) return undefined;
      throw error;
    });
    if (existing && sameParent(existing.object.spec?.parentRef, parent)) await this.deleteUnlessChanged(store, ip, { uid: existing.object.metadata?.uid });
  }

  /** Deletes the IPAddress object of `ip` under `preconditions`: one gone or made again meanwhile is left as it is. */
  private async deleteUnlessChanged(store: ResourceStore<IPAddressObject>, ip: string, preconditions: { uid?: string; resourceVersion?: string }): Promise<void> {
    try {
      await store.delete(undefined, ip, { preconditions }, { fieldManager: ALLOCATOR_FIELD_MANAGER });
    } catch (error) {
      if (!isStatusError(error, 'NotFound') && !isStatusError(error, 'Conflict')) throw error;
    }
  }

  /** A generated name drawn again after the reservation: the objects point at the name written. */
  private async renamed(ips: readonly string[], from: ParentReference, to: ParentReference): Promise<void> {
    const store = this.ipAddresses();
    if (!store) return;
    for (const ip of ips) {
      await this.deleteIfOwned(ip, from);
      await this.reserve(store, ip, to, {});
    }
  }
}

/** The IPAddress object the allocator creates for a Service's address. */
function ipAddressFor(ip: string, parent: ParentReference): IPAddressObject {
  return {
    metadata: { name: ip, labels: { [IP_FAMILY_LABEL]: ip.includes(':') ? 'IPv6' : 'IPv4', [MANAGED_BY_LABEL]: IP_ALLOCATOR } },
    spec: { parentRef: parent },
  };
}
