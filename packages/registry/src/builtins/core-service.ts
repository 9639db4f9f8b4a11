import { isIP } from 'node:net';
import {
  type FieldError,
  fieldDuplicate,
  fieldForbidden,
  fieldInvalid,
  fieldNotSupported,
  fieldRequired,
  validateLabels,
} from '@kubekit/apimachinery';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';
import { isValidPortNum, validateDNS1123Label, validateDNS1123Subdomain, validatePortNumOrName } from './field-checks.js';
import {
  NODE_PORT_MAX,
  NODE_PORT_MIN,
  type ServiceSpec,
  initIPFamilies,
  dropTypeDependent,
  externallyAccessible,
  keepAllocated,
} from './service-allocation.js';
import { formatLabels } from './table-format.js';

interface LoadBalancerIngress {
  ip?: string;
  hostname?: string;
}

interface Service extends KubeObject {
  spec?: ServiceSpec;
  status?: { loadBalancer?: { ingress?: LoadBalancerIngress[] }; conditions?: unknown[] };
}

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

/** SetDefaults_Service, and the clusterIP/clusterIPs pairing of the v1 conversion. */
function defaultService(service: Service): void {
  const spec = (service.spec ??= {});
  if (!spec.clusterIPs?.length && spec.clusterIP) spec.clusterIPs = [spec.clusterIP];
  if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  spec.type ||= 'ClusterIP';
  for (const port of spec.ports ?? []) {
    port.protocol ||= 'TCP';
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
  if (externallyAccessible(spec)) spec.externalTrafficPolicy ||= 'Cluster';
  if (spec.type !== 'ExternalName') spec.internalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
}

function validatePorts(spec: ServiceSpec): FieldError[] {
  const errors: FieldError[] = [];
  const ports = spec.ports ?? [];
  const names = new Set<string>();
  const seen = new Set<string>();
  ports.forEach((port, i) => {
    const at = `spec.ports[${i}]`;
    if (ports.length > 1 && !port.name) errors.push(fieldRequired(`${at}.name`, ''));
    else if (port.name) {
      errors.push(...validateDNS1123Label(port.name, `${at}.name`));
      if (names.has(port.name)) errors.push(fieldDuplicate(`${at}.name`, port.name));
      names.add(port.name);
    }
    for (const message of isValidPortNum(port.port ?? 0)) errors.push(fieldInvalid(`${at}.port`, port.port ?? 0, message));
    if (!port.protocol) errors.push(fieldRequired(`${at}.protocol`, ''));
    else if (!['SCTP', 'TCP', 'UDP'].includes(port.protocol)) errors.push(fieldNotSupported(`${at}.protocol`, port.protocol, ['SCTP', 'TCP', 'UDP']));
    errors.push(...validatePortNumOrName(port.targetPort, `${at}.targetPort`));
    if (spec.type === 'ClusterIP' && port.nodePort) errors.push(fieldForbidden(`${at}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
    else if (port.nodePort && (port.nodePort < NODE_PORT_MIN || port.nodePort > NODE_PORT_MAX)) {
      // The node port allocator's error (portallocator.ErrNotInRange).
      const range = `The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`;
      errors.push(fieldInvalid(`${at}.nodePort`, port.nodePort, `provided port is not in the valid range. ${range}`));
    }
  });
  ports.forEach((port, i) => {
    const key = `${port.protocol}/${port.port}`;
    if (seen.has(key)) errors.push(fieldDuplicate(`spec.ports[${i}]`, { protocol: port.protocol, port: port.port }));
    seen.add(key);
  });
  return errors;
}

/** ValidateService: the checks kubectl users meet most. */
function validateService(service: Service): FieldError[] {
  const spec = service.spec ?? {};
  const errors: FieldError[] = [];
  const headless = spec.clusterIP === 'None';
  if (!spec.ports?.length && !headless && spec.type !== 'ExternalName') errors.push(fieldRequired('spec.ports', ''));
  if (spec.type === 'ExternalName') {
    if (spec.clusterIPs?.length) errors.push(fieldForbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    const cname = (spec.externalName ?? '').replace(/\.$/, '');
    if (cname) errors.push(...validateDNS1123Subdomain(cname, 'spec.externalName'));
    else errors.push(fieldRequired('spec.externalName', ''));
  }
  (spec.clusterIPs ?? []).forEach((ip, i) => {
    if (ip !== 'None' && isIP(ip) === 0) {
      errors.push(fieldInvalid(`spec.clusterIPs[${i}]`, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
    }
  });
  errors.push(...validatePorts(spec));
  errors.push(...validateLabels(spec.selector ?? {}, 'spec.selector'));
  if (spec.sessionAffinity && !['ClientIP', 'None'].includes(spec.sessionAffinity)) {
    errors.push(fieldNotSupported('spec.sessionAffinity', spec.sessionAffinity, ['ClientIP', 'None']));
  }
  if (!spec.type) errors.push(fieldRequired('spec.type', ''));
  else if (!TYPES.includes(spec.type)) errors.push(fieldNotSupported('spec.type', spec.type, TYPES));
  return errors;
}

/** validateUpgradeDowngradeClusterIPs: the primary cluster IP stays. */
function validateServiceUpdate(service: Service, old: Readonly<Service>): FieldError[] {
  const spec = service.spec ?? {};
  const oldSpec = old.spec ?? {};
  if (spec.type === 'ExternalName' || oldSpec.type === 'ExternalName') return [];
  const next = spec.clusterIPs ?? [];
  const previous = oldSpec.clusterIPs ?? [];
  if (next.length > 0 && previous.length > 0 && next[0] !== previous[0]) {
    return [fieldInvalid('spec.clusterIPs[0]', next, 'may not change once set')];
  }
  return [];
}

/** getServiceExternalIP (the server always prints wide, so nothing is clipped). */
function externalIP(service: Service): string {
  const spec = service.spec ?? {};
  const external = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length > 0 ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = service.status?.loadBalancer?.ingress ?? [];
      const addresses = [...new Set(ingress.map((i) => i.ip || i.hostname || '').filter(Boolean))].sort();
      const all = [...addresses, ...external];
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** makePortString: `80/TCP,443:30443/TCP`. */
function portString(spec: ServiceSpec): string {
  const text = (spec.ports ?? [])
    .map((p) => (p.nodePort ? `${p.port ?? 0}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port ?? 0}/${p.protocol ?? ''}`))
    .join(',');
  return text || '<none>';
}

export const services: ResourceDefinition<Service> = {
  group: '',
  version: 'v1',
  kind: 'Service',
  resource: 'services',
  singular: 'service',
  namespaced: true,
  shortNames: ['svc'],
  categories: ['all'],
  // ValidateServiceName: Service names become DNS labels that must start with a letter.
  nameRule: 'dns1035-label',
  statusSubresource: true,
  returnDeletedObject: true,
  fieldSelectors: {
    'spec.clusterIP': (service) => service.spec?.clusterIP ?? '',
    'spec.type': (service) => service.spec?.type ?? '',
  },
  columns: [
    { name: 'Type', type: 'string', description: 'type determines how the Service is exposed.', cell: (s) => s.spec?.type ?? '' },
    { name: 'Cluster-IP', type: 'string', description: 'clusterIP is the IP address of the service.', cell: (s) => s.spec?.clusterIPs?.[0] ?? '<none>' },
    { name: 'External-IP', type: 'string', description: 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.', cell: externalIP },
    { name: 'Port(s)', type: 'string', description: 'The list of ports that are exposed by this service.', cell: (s) => portString(s.spec ?? {}) },
    ageColumn,
    {
      name: 'Selector',
      type: 'string',
      priority: 1,
      description: 'Route service traffic to pods with label keys and values matching this selector.',
      cell: (s) => formatLabels(s.spec?.selector),
    },
  ],
  strategy: {
    defaults: defaultService,
    prepareForCreate(service) {
      service.status = { loadBalancer: {} };
      initIPFamilies((service.spec ??= {}));
    },
    prepareForUpdate(service, old, context) {
      if (context.subresource === 'status') return;
      const spec = (service.spec ??= {});
      keepAllocated(spec, old.spec ?? {});
      dropTypeDependent(spec, old.spec ?? {});
      initIPFamilies(spec);
    },
    validate: validateService,
    validateUpdate: validateServiceUpdate,
  },
};
