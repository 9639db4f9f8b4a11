import type { Client } from '@kubekit/server';
import type { ConfigMap, Namespace } from '@kubekit/types';
import type { Clock } from './clock.js';
import { type Informer, keyOf } from './informer.js';
import { QueueController } from './queue-controller.js';

const NAME = 'kube-root-ca.crt';
const FIELD_MANAGER = 'kube-controller-manager';

/**
 * The root CA certificate publisher (pkg/controller/certificates/rootcacertpublisher): a ConfigMap
 * `kube-root-ca.crt` with `ca.crt` in every active namespace, put back when it is deleted or changed,
 * as pods' projected service account volumes read it.
 */
export class RootCAPublisher extends QueueController {

  constructor(
    private readonly client: Client,
    clock: Clock,
    private readonly namespaces: Informer<Namespace>,
    configMaps: Informer<ConfigMap>,
    private readonly caCert: string,
    onError: (key: string, error: unknown) => void,
  ) {
    super(clock, onError);
    namespaces.on((event, namespace) => {
      if (event !== 'delete') this.queue.add(keyOf(namespace));
    });
    configMaps.on((_event, configMap) => {
      if (configMap.metadata?.name === NAME) this.queue.add(configMap.metadata.namespace ?? '');
    });
  }

  protected async sync(namespace: string): Promise<void> {
    const owner = this.namespaces.get(namespace);
    if (!owner || owner.status?.phase === 'Terminating' || owner.metadata?.deletionTimestamp) return;
    const configMaps = this.client.kind('v1', 'ConfigMap');
    const data = { 'ca.crt': this.caCert };
    let current: ConfigMap | undefined;
    try {
      current = await configMaps.get(NAME, { namespace });
    } catch {
      current = undefined;
    }
    const annotations = { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' };
    if (!current) {
      await configMaps.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: NAME, namespace, annotations }, data }, { namespace, fieldManager: FIELD_MANAGER });
    } else if (current.data?.['ca.crt'] !== this.caCert || Object.keys(current.data ?? {}).length !== 1) {
      await configMaps.update({ ...current, data }, { fieldManager: FIELD_MANAGER });
    }
  }
}
