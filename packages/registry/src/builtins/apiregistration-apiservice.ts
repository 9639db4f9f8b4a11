import { fieldInvalid, fieldRequired } from '@kubekit/apimachinery';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { builtinGroupPriorities } from '../builtin-priorities.js';
import { formatTime } from '../object-meta.js';
import { ageColumn } from '../table.js';

interface APIServiceCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface APIService extends KubeObject {
  spec?: {
    service?: { namespace?: string; name?: string; port?: number } | null;
    group?: string;
    version?: string;
    insecureSkipTLSVerify?: boolean;
    caBundle?: string;
    groupPriorityMinimum?: number;
    versionPriority?: number;
  };
  status?: { conditions?: APIServiceCondition[] };
}

/** The SERVICE column: `Local`, or the backing Service as `namespace/name`. */
const serviceOf = (apiService: APIService) => {
  const service = apiService.spec?.service;
  return service ? `${service.namespace ?? ''}/${service.name ?? ''}` : 'Local';
};

/** The AVAILABLE column: the Available condition's status, with its reason when not True. */
function availability(apiService: APIService): string {
  const condition = apiService.status?.conditions?.find((candidate) => candidate.type === 'Available');
  if (!condition) return 'Unknown';
  return condition.status === 'True' ? 'True' : `${condition.status} (${condition.reason ?? ''})`;
}

/** kube-aggregator's validation: the name is `<version>.<group>`, and the priorities are positive. */
function validateAPIService(apiService: APIService) {
  const spec = apiService.spec ?? {};
  const errors = [];
  const name = apiService.metadata?.name ?? '';
  const expected = `${spec.version ?? ''}.${spec.group ?? ''}`;
  if (name !== expected) errors.push(fieldInvalid('metadata.name', name, 'must be `spec.version+"."+spec.group`'));
  if (!spec.version) errors.push(fieldRequired('spec.version', ''));
  if (!spec.groupPriorityMinimum || spec.groupPriorityMinimum <= 0) errors.push(fieldInvalid('spec.groupPriorityMinimum', spec.groupPriorityMinimum ?? 0, 'must be positive and less than 20000'));
  if (!spec.versionPriority || spec.versionPriority <= 0) errors.push(fieldInvalid('spec.versionPriority', spec.versionPriority ?? 0, 'must be positive and less than 1000'));
  return errors;
}

/**
 * apiregistration.k8s.io/v1 APIServices: what the aggregator serves under each group version.
 * The registry creates the `Local` ones for the group versions it serves (bootstrap, as the
 * autoregister controller does); one naming a Service is stored, and not proxied to.
 */
export const apiServices: ResourceDefinition<APIService> = {
  group: 'apiregistration.k8s.io',
  version: 'v1',
  kind: 'APIService',
  resource: 'apiservices',
  singular: 'apiservice',
  namespaced: false,
  // `v1.` (the legacy group) is a name: a path segment, not a DNS subdomain.
  nameRule: 'path-segment',
  categories: ['api-extensions'],
  statusSubresource: true,
  columns: [
    { name: 'Service', type: 'string', description: 'The reference to the service that hosts this API endpoint.', cell: serviceOf },
    { name: 'Available', type: 'string', description: 'Whether this service is available.', cell: availability },
    ageColumn,
  ],
  strategy: {
    // Status comes from the availability controller, done at once here: a Local APIService is
    // available; one backed by a Service is not (nothing is proxied to it).
    prepareForCreate(apiService, context) {
      const service = apiService.spec?.service;
      const time = formatTime(context.now);
      apiService.status = {
        conditions: [
          service
            ? { type: 'Available', status: 'False', lastTransitionTime: time, reason: 'ServiceNotFound', message: `service/${service.name ?? ''} in "${service.namespace ?? ''}" is not present` }
            : { type: 'Available', status: 'True', lastTransitionTime: time, reason: 'Local', message: 'Local APIServices are always available' },
        ],
      };
    },
    validate: validateAPIService,
  },
};

/** The Local APIService of a group version the server itself serves; CRD groups get 1000/100 as the CRD registration controller gives them. */
export function localAPIService(group: string, version: string): APIService {
  const priority = builtinGroupPriorities[group ? `${group}/${version}` : version];
  const [groupPriorityMinimum, versionPriority] = priority ? [priority.group, priority.version] : [1000, 100];
  return {
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name: `${version}.${group}`, labels: { 'kube-aggregator.kubernetes.io/automanaged': 'onstart' } },
    spec: { group, version, groupPriorityMinimum, versionPriority },
  };
}
