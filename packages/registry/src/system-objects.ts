import { localAPIService } from './builtins/apiregistration-apiservice.js';
import { SYSTEM_PRIORITY_CLASSES } from './builtins/scheduling-priorityclass.js';
import { IMMORTAL_NAMESPACES } from './namespace-lifecycle.js';
import type { Registry } from './registry.js';

/**
 * What a fresh cluster has: the system namespaces, the system priority classes, the `kubernetes`
 * Service at the first address of the service range, and a Local APIService for every group
 * version served. What exists already stays.
 */
export async function createSystemObjects(registry: Registry, kubernetesClusterIP: string): Promise<void> {
  const namespaces = registry.resource('', 'v1', 'namespaces');
  if (namespaces) {
    for (const name of [...IMMORTAL_NAMESPACES, 'kube-node-lease']) {
      await namespaces.create(undefined, { metadata: { name } }).catch(ignoreAlreadyExists);
    }
  }
  const priorityClasses = registry.resource('scheduling.k8s.io', 'v1', 'priorityclasses');
  for (const { name, value, description } of priorityClasses ? SYSTEM_PRIORITY_CLASSES : []) {
    await priorityClasses!.create(undefined, { metadata: { name }, value, description }).catch(ignoreAlreadyExists);
  }
  await registry
    .resource('', 'v1', 'services')
    ?.create('default', {
      metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: {
        clusterIP: kubernetesClusterIP,
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
        sessionAffinity: 'None',
        type: 'ClusterIP',
      },
    })
    .catch(ignoreAlreadyExists);
  const apiServices = registry.resource('apiregistration.k8s.io', 'v1', 'apiservices');
  if (apiServices) {
    const served = new Set(registry.resources().map(({ definition }) => `${definition.group}/${definition.version}`));
    for (const groupVersion of served) {
      const [group = '', version = ''] = groupVersion.split('/');
      await apiServices.create(undefined, localAPIService(group, version)).catch(ignoreAlreadyExists);
    }
  }
}

/** What the ServiceAccount controller does for every new namespace: its `default` account. */
export async function createDefaultServiceAccount(registry: Registry, namespace: string): Promise<void> {
  await registry
    .resource('', 'v1', 'serviceaccounts')
    ?.create(namespace, { metadata: { name: 'default' } })
    .catch(ignoreAlreadyExists);
}

function ignoreAlreadyExists(error: unknown): void {
  if ((error as { status?: { reason?: string } }).status?.reason === 'AlreadyExists') return;
  throw error;
}
