import { sameJson } from '@kubekit/store';

/*
 * What the Service REST storage decides beyond the strategy (pkg/registry/core/service/storage/
 * alloc.go and pkg/registry/core/service/strategy.go): cluster IPs and IP families, node ports,
 * and the fields an update keeps or clears.
 */

interface ServicePort {
  name?: string;
  protocol?: string;
  port?: number;
  targetPort?: number | string;
  nodePort?: number;
  [key: string]: unknown;
}

export interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  ports?: ServicePort[];
  selector?: Record<string, string>;
  externalIPs?: string[];
  externalName?: string;
  externalTrafficPolicy?: string;
  internalTrafficPolicy?: string;
  healthCheckNodePort?: number;
  allocateLoadBalancerNodePorts?: boolean;
  sessionAffinity?: string;
  sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
  [key: string]: unknown;
}

/** A stored Service's spec, as the allocation reads it. */
export const serviceSpecOf = (service: { spec?: unknown }): ServiceSpec => (service.spec ?? {}) as ServiceSpec;

/** Whether the Service gets cluster IPs from the range: not an ExternalName, not headless. */
export function allocatesClusterIP(spec: ServiceSpec): boolean {
  return needsClusterIP(spec) && spec.clusterIP !== 'None';
}

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

export function needsClusterIP(spec: ServiceSpec): boolean {
  return spec.type !== 'ExternalName';
}

export function needsNodePort(spec: ServiceSpec): boolean {
  return spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
}

export function needsHealthCheckNodePort(spec: ServiceSpec): boolean {
  return spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
}

/** service.ExternallyAccessible: what gets an externalTrafficPolicy. */
export function externallyAccessible(spec: ServiceSpec): boolean {
  return spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && (spec.externalIPs?.length ?? 0) > 0);
}

/**
 * initIPFamilyFields: the IP family fields, and `clusterIPs` from `clusterIP`. The addresses and
 * node ports themselves come from the registry's allocation (BeginCreate and BeginUpdate).
 */
export function initIPFamilies(spec: ServiceSpec): void {
  if (!needsClusterIP(spec)) return;
  if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
  // A headless Service without selector asks for every family.
  const headlessWithoutSelector = spec.clusterIP === 'None' && Object.keys(spec.selector ?? {}).length === 0;
  spec.ipFamilyPolicy ??= headlessWithoutSelector ? 'RequireDualStack' : 'SingleStack';
  if (!spec.ipFamilies?.length) spec.ipFamilies = [spec.clusterIP?.includes(':') ? 'IPv6' : 'IPv4'];
}

/** patchAllocatedValues: what an update that left allocated values out keeps from the old Service. */
export function keepAllocated(spec: ServiceSpec, old: ServiceSpec): void {
  if (needsClusterIP(old) && needsClusterIP(spec)) {
    spec.clusterIP ||= old.clusterIP;
    if (!spec.clusterIPs?.length && old.clusterIPs?.length) spec.clusterIPs = [...old.clusterIPs];
    spec.ipFamilyPolicy ??= old.ipFamilyPolicy;
    if (!spec.ipFamilies?.length && old.ipFamilies?.length) spec.ipFamilies = [...old.ipFamilies];
  }
  if (needsNodePort(old) && needsNodePort(spec)) {
    const inNew = new Set((spec.ports ?? []).map((p) => p.nodePort).filter(Boolean));
    const byName = new Map((old.ports ?? []).map((p) => [p.name ?? '', p.nodePort ?? 0]));
    for (const port of spec.ports ?? []) {
      const previous = byName.get(port.name ?? '') ?? 0;
      if (previous && !port.nodePort && !inNew.has(previous)) port.nodePort = previous;
    }
  }
  if (needsHealthCheckNodePort(old) && needsHealthCheckNodePort(spec)) spec.healthCheckNodePort ||= old.healthCheckNodePort;
}

/** dropTypeDependentFields: switching to a type without them clears unchanged dependent fields. */
export function dropTypeDependent(spec: ServiceSpec, old: ServiceSpec): void {
  if (needsClusterIP(old) && !needsClusterIP(spec)) {
    if (spec.clusterIP === old.clusterIP && sameJson(spec.clusterIPs, old.clusterIPs)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (sameJson(spec.ipFamilies, old.ipFamilies)) delete spec.ipFamilies;
    if (spec.ipFamilyPolicy === old.ipFamilyPolicy) delete spec.ipFamilyPolicy;
  }
  const nodePorts = (s: ServiceSpec) => (s.ports ?? []).map((p) => p.nodePort ?? 0);
  if (needsNodePort(old) && !needsNodePort(spec) && sameJson(nodePorts(spec), nodePorts(old))) {
    for (const port of spec.ports ?? []) delete port.nodePort;
  }
  if (needsHealthCheckNodePort(old) && !needsHealthCheckNodePort(spec) && spec.healthCheckNodePort === old.healthCheckNodePort) {
    delete spec.healthCheckNodePort;
  }
  if (spec.type !== 'LoadBalancer') delete spec.allocateLoadBalancerNodePorts;
  if (!externallyAccessible(spec) && spec.externalTrafficPolicy === old.externalTrafficPolicy) delete spec.externalTrafficPolicy;
}
