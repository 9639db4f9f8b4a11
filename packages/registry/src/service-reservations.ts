import type { StoredItem } from '@kubekit/store';
import type { KubeObject } from './kube-object.js';
import { type MaybePromise, andThen, isPromiseLike } from './maybe-async.js';
import type { ResourceStoreHooks, WriteFinisher } from './resource-store.js';
import type { ServiceClusterIPs } from './service-cluster-ips.js';
import type { ServiceNodePorts } from './service-node-ports.js';

type Reservation = MaybePromise<WriteFinisher | undefined>;

/** Two reservations made one after the other, as one: the first is given back when the second fails. */
function reserveBoth(first: () => Reservation, second: () => Reservation): Reservation {
  return andThen(first(), (a) => {
    const undo = async (error: unknown): Promise<never> => {
      await a?.(false);
      throw error;
    };
    const joined = (b: WriteFinisher | undefined): WriteFinisher | undefined =>
      a && b
        ? async (written) => {
            await a(written);
            await b(written);
          }
        : (a ?? b);
    let b: Reservation;
    try {
      b = second();
    } catch (error) {
      return undo(error);
    }
    return isPromiseLike(b) ? Promise.resolve(b).then(joined, undo) : joined(b);
  });
}

/**
 * What the Service storage does beyond the generic store (pkg/registry/core/service/storage):
 * its cluster IPs and node ports are reserved before a create or an update is validated and
 * written, and given back when it fails or when the Service goes.
 */
export function serviceReservationHooks(
  ips: ServiceClusterIPs,
  ports: ServiceNodePorts,
  removed: ResourceStoreHooks<KubeObject>['removed'],
): Pick<ResourceStoreHooks<KubeObject>, 'beginCreate' | 'beginUpdate' | 'removed'> {
  return {
    beginCreate: async (service, options) => reserveBoth(() => ips.beginCreate(service, options), () => ports.beginCreate(service, options)),
    beginUpdate: (service, old, options) => reserveBoth(() => ips.beginUpdate(service, old, options), () => ports.beginUpdate(service, old, options)),
    removed: async (item: StoredItem<KubeObject>) => {
      await removed?.(item);
      await ips.removed(item);
      await ports.removed(item.object);
    },
  };
}
