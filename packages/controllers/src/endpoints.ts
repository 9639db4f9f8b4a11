import { labelSelectorFromMeta } from '@kubekit/apimachinery';
import type { Client } from '@kubekit/server';
import type { Endpoint, EndpointAddress, EndpointSlice, Endpoints, Pod, Service, ServicePort } from '@kubekit/types';
import type { Clock } from './clock.js';
import { type Informer, keyOf } from './informer.js';
import { controllerRef, isPodReady } from './owners.js';
import { QueueController } from './queue-controller.js';

const FIELD_MANAGER = 'kube-controller-manager';
const SERVICE_NAME = 'kubernetes.io/service-name';
const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
const SLICE_CONTROLLER = 'endpointslice-controller.k8s.io';

interface PortOf {
  name?: string;
  port: number;
  protocol: string;
}

/** A Service port's target on a pod: a number, or a named container port (api/v1/pod FindPort). */
function targetPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(String(target))) return Number(target);
  for (const container of pod.spec?.containers ?? []) {
    const named = container.ports?.find((candidate) => candidate.name === target && (candidate.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
    if (named) return named.containerPort;
  }
  return undefined;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The Endpoints and EndpointSlice controllers: for every Service with a selector, the selected
 * pods that have an IP and are not finished, as an Endpoints object of the Service's name (ready
 * pods under `addresses`, the others under `notReadyAddresses`, one subset per port set) and an
 * EndpointSlice `<service>-<5 characters>` (IPv4, each endpoint's ready/serving/terminating
 * conditions), so `kubectl describe service` and `kubectl get endpointslices` show the backends.
 */
export class EndpointsController extends QueueController {

  constructor(
    private readonly client: Client,
    clock: Clock,
    private readonly services: Informer<Service>,
    private readonly pods: Informer<Pod>,
    private readonly slices: Informer<EndpointSlice>,
    onError: (key: string, error: unknown) => void,
  ) {
    super(clock, onError);
    services.on((_event, service) => this.queue.add(keyOf(service)));
    pods.on((_event, pod, old) => {
      for (const service of this.services.list()) {
        if (service.metadata?.namespace !== pod.metadata?.namespace || !service.spec?.selector) continue;
        const selector = labelSelectorFromMeta({ matchLabels: service.spec.selector });
        if (selector.matches(pod.metadata?.labels ?? {}) || (old && selector.matches(old.metadata?.labels ?? {}))) this.queue.add(keyOf(service));
      }
    });
  }

  protected async sync(key: string): Promise<void> {
    const service = this.services.get(key);
    if (!service || service.metadata?.deletionTimestamp || !service.spec?.selector || Object.keys(service.spec.selector).length === 0) return;
    const namespace = service.metadata?.namespace ?? '';
    const name = service.metadata?.name ?? '';
    const selector = labelSelectorFromMeta({ matchLabels: service.spec.selector });
    const pods = this.pods
      .list()
      .filter((pod) => pod.metadata?.namespace === namespace && selector.matches(pod.metadata?.labels ?? {}) && pod.status?.podIP && pod.status.phase !== 'Succeeded' && pod.status.phase !== 'Failed')
      .sort((a, b) => (a.status?.podIP ?? '').localeCompare(b.status?.podIP ?? '', undefined, { numeric: true }));
    const servicePorts = service.spec.ports ?? [];
    const portsOf = (pod: Pod): PortOf[] =>
      servicePorts.flatMap((port) => {
        const number = targetPort(pod, port);
        return number === undefined ? [] : [{ ...(port.name && { name: port.name }), port: number, protocol: port.protocol ?? 'TCP' }];
      });
    await this.#writeEndpoints(service, namespace, name, pods, portsOf);
    await this.#writeSlice(service, namespace, name, pods, portsOf);
  }

  async #writeEndpoints(service: Service, namespace: string, name: string, pods: Pod[], portsOf: (pod: Pod) => PortOf[]): Promise<void> {
    // One subset per distinct port set (endpoints.RepackSubsets), addresses by readiness.
    const subsets = new Map<string, { ports: PortOf[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
    for (const pod of pods) {
      if (pod.metadata?.deletionTimestamp) continue;
      const ports = portsOf(pod);
      const id = JSON.stringify(ports);
      let subset = subsets.get(id);
      if (!subset) subsets.set(id, (subset = { ports, ready: [], notReady: [] }));
      const address: EndpointAddress = {
        ip: pod.status?.podIP ?? '',
        ...(pod.spec?.nodeName && { nodeName: pod.spec.nodeName }),
        targetRef: { kind: 'Pod', namespace, name: pod.metadata?.name, uid: pod.metadata?.uid },
      };
      (isPodReady(pod) ? subset.ready : subset.notReady).push(address);
    }
    const desired = [...subsets.values()].map((subset) => ({
      ...(subset.ready.length && { addresses: subset.ready }),
      ...(subset.notReady.length && { notReadyAddresses: subset.notReady }),
      ...(subset.ports.length && { ports: subset.ports }),
    }));
    const endpoints = this.client.kind('v1', 'Endpoints');
    let current: Endpoints | undefined;
    try {
      current = await endpoints.get(name, { namespace });
    } catch {
      current = undefined;
    }
    const labels = { ...service.metadata?.labels, 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' };
    if (!current) {
      await endpoints.create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace, labels }, ...(desired.length && { subsets: desired }) }, { namespace, fieldManager: FIELD_MANAGER });
    } else if (!sameJson(current.subsets ?? [], desired) || !sameJson(current.metadata?.labels, labels)) {
      const { subsets: _old, ...rest } = current;
      await endpoints.update({ ...rest, metadata: { ...current.metadata, labels }, ...(desired.length && { subsets: desired }) }, { fieldManager: FIELD_MANAGER });
    }
  }

  async #writeSlice(service: Service, namespace: string, name: string, pods: Pod[], portsOf: (pod: Pod) => PortOf[]): Promise<void> {
    const endpoints: Endpoint[] = pods.map((pod) => {
      const terminating = Boolean(pod.metadata?.deletionTimestamp);
      const ready = isPodReady(pod);
      return {
        addresses: [pod.status?.podIP ?? ''],
        conditions: { ready: ready && !terminating, serving: ready, terminating },
        ...(pod.spec?.nodeName && { nodeName: pod.spec.nodeName }),
        targetRef: { kind: 'Pod', namespace, name: pod.metadata?.name, uid: pod.metadata?.uid },
      };
    });
    // A slice's port names are pointers that readers dereference: an unnamed port is named "".
    const ports = (pods.length ? portsOf(pods[0]!) : []).map((port) => ({ ...port, name: port.name ?? '' }));
    const slices = this.client.kind('discovery.k8s.io/v1', 'EndpointSlice');
    const current = this.slices.list().find((slice) => slice.metadata?.namespace === namespace && slice.metadata?.labels?.[SERVICE_NAME] === name && slice.metadata?.labels?.[MANAGED_BY] === SLICE_CONTROLLER);
    const labels = { ...service.metadata?.labels, [SERVICE_NAME]: name, [MANAGED_BY]: SLICE_CONTROLLER };
    if (!current) {
      const created = await slices.create(
        {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: { generateName: `${name}-`, namespace, labels, ownerReferences: [controllerRef(service, 'v1', 'Service')] },
          addressType: 'IPv4',
          endpoints,
          ports,
        },
        { namespace, fieldManager: FIELD_MANAGER },
      );
      this.slices.assume(created);
    } else if (!sameJson(current.endpoints ?? [], endpoints) || !sameJson(current.ports ?? [], ports)) {
      const updated = await slices.update({ ...current, endpoints, ports }, { fieldManager: FIELD_MANAGER });
      this.slices.assume(updated);
    }
  }
}
