import { localAPIService } from './builtins/apiregistration-apiservice.js';
import { DEFAULT_SERVICE_CIDR_NAME } from './builtins/networking-servicecidr.js';
import { SYSTEM_PRIORITY_CLASSES } from './builtins/scheduling-priorityclass.js';
import { IMMORTAL_NAMESPACES } from './namespace-lifecycle.js';
import type { Registry } from './registry.js';

/**
 * What a fresh cluster has: the system namespaces, the system priority classes, the `kubernetes`
 * Service at the first address of the service range, the `kubernetes` ServiceCIDR, and a Local
 * APIService for every group version served. What exists already stays.
 */
export async function createSystemObjects(registry: Registry, serviceCIDR: string, kubernetesClusterIP: string): Promise<void> {
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
  const services = registry.resource('', 'v1', 'services');
  const kubernetesExists = () => services!.get('default', 'kubernetes').then(() => true, () => false);
  if (services && !(await kubernetesExists())) {
    await services
      .create('default', {
        metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
        spec: {
          clusterIP: kubernetesClusterIP,
          ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
          sessionAffinity: 'None',
          type: 'ClusterIP',
        },
      })
      // Another server starting on the same storage may have made it (and reserved its address) first.
      .catch(async (error: unknown) => {
        if (!(await kubernetesExists())) throw error;
      });
  }
  await createDefaultServiceCIDR(registry, serviceCIDR);
  const apiServices = registry.resource('apiregistration.k8s.io', 'v1', 'apiservices');
  if (apiServices) {
    const served = new Set(registry.resources().map(({ definition }) => `${definition.group}/${definition.version}`));
    for (const groupVersion of served) {
      const [group = '', version = ''] = groupVersion.split('/');
      await apiServices.create(undefined, localAPIService(group, version)).catch(ignoreAlreadyExists);
    }
  }
}

/**
 * The ServiceCIDR the server keeps for its own Service range (the default-servicecidr controller):
 * its CIDR, and Ready once it exists.
 */
async function createDefaultServiceCIDR(registry: Registry, serviceCIDR: string): Promise<void> {
  const serviceCIDRs = registry.resource('networking.k8s.io', 'v1', 'servicecidrs');
  if (!serviceCIDRs) return;
  const created = await serviceCIDRs.create(undefined, { metadata: { name: DEFAULT_SERVICE_CIDR_NAME }, spec: { cidrs: [serviceCIDR] } }).catch(ignoreAlreadyExists);
  if (!created) return;
  const ready = { type: 'Ready', status: 'True', lastTransitionTime: created.object.metadata?.creationTimestamp, message: 'Kubernetes default Service CIDR is ready' };
  await serviceCIDRs.update(undefined, DEFAULT_SERVICE_CIDR_NAME, (current) => ({ ...current, status: { conditions: [ready] } }), {
    subresource: 'status',
    fieldManager: 'kubernetes-service-cidr-controller',
  });
}

/** What the ServiceAccount controller does for every new namespace: its `default` account. */
export async function createDefaultServiceAccount(registry: Registry, namespace: string): Promise<void> {
  await registry
    .resource('', 'v1', 'serviceaccounts')
    ?.create(namespace, { metadata: { name: 'default' } })
    .catch(ignoreAlreadyExists);
}

function ignoreAlreadyExists(error: unknown): undefined {
  if ((error as { status?: { reason?: string } }).status?.reason === 'AlreadyExists') return;
  throw error;
}
