import { type FieldError, fieldInvalid, newInternalError, newInvalid } from '@kubekit/apimachinery';
import { type ServiceSpec, needsHealthCheckNodePort, needsNodePort, serviceSpecOf as specOf } from './builtins/service-allocation.js';
import type { KubeObject } from './kube-object.js';
import { type NodePortRange, NodePortsTaken } from './node-port-range.js';
import type { WriteFinisher, WriteOptions } from './resource-store.js';

/** The node ports a Service holds: its ports' and its health check's. */
function heldPorts(service: Readonly<KubeObject>): number[] {
  const spec = specOf(service);
  const ports = (spec.ports ?? []).flatMap((port) => (port.nodePort ? [port.nodePort] : []));
  return [...new Set(spec.healthCheckNodePort ? [...ports, spec.healthCheckNodePort] : ports)];
}

/**
 * The ports of a Service that need a node port and have none, grouped by port number: ports that
 * differ only in protocol share one node port (initNodePorts).
 */
function missingPorts(spec: ServiceSpec): Map<number, { nodePort?: number }[]> {
  const missing = new Map<number, { nodePort?: number }[]>();
  if (!needsNodePort(spec)) return missing;
  for (const port of spec.ports ?? []) {
    if (port.nodePort) continue;
    const group = missing.get(port.port ?? 0) ?? [];
    group.push(port);
    missing.set(port.port ?? 0, group);
  }
  return missing;
}

/** The Service storage's errors for node ports it asked for that another Service holds. */
function takenError(service: Readonly<KubeObject>, taken: readonly number[]) {
  const spec = specOf(service);
  const errors: FieldError[] = [];
  (spec.ports ?? []).forEach((port, i) => {
    if (port.nodePort && taken.includes(port.nodePort)) errors.push(fieldInvalid(`spec.ports[${i}].nodePort`, port.nodePort, 'provided port is already allocated'));
  });
  if (errors.length === 0 && spec.healthCheckNodePort) {
    return newInternalError(`failed to allocate requested HealthCheck NodePort ${spec.healthCheckNodePort}: provided port is already allocated`);
  }
  return newInvalid({ group: '', kind: 'Service' }, service.metadata?.name ?? '', errors);
}

/**
 * Service node ports from one range kept in storage (NodePortRange): a create or an update
 * reserves the ports it asks for and draws the missing ones before it is validated and written,
 * and gives back what it no longer holds once written, or what it reserved when it was not.
 */
export class ServiceNodePorts {
  constructor(private readonly range: NodePortRange) {}

  beginCreate(service: KubeObject, options: WriteOptions): Promise<WriteFinisher | undefined> {
    return this.reserve(service, [], options);
  }

  beginUpdate(service: KubeObject, old: Readonly<KubeObject>, options: WriteOptions): WriteFinisher | Promise<WriteFinisher | undefined> | undefined {
    const before = heldPorts(old);
    const requested = heldPorts(service).filter((port) => !before.includes(port));
    const dropped = () => before.filter((port) => !heldPorts(service).includes(port));
    if (requested.length === 0 && missingPorts(specOf(service)).size === 0 && !this.missingHealthCheck(service)) {
      // Nothing to reserve: stays synchronous, and gives back what the new version let go.
      if (options.dryRun || dropped().length === 0) return undefined;
      return async (written) => {
        if (written) await this.range.release(dropped());
      };
    }
    return this.reserve(service, before, options);
  }

  /** A Service removed from storage gives its ports back. */
  removed(service: Readonly<KubeObject>): Promise<void> {
    return this.range.release(heldPorts(service));
  }

  /** The repair loop: every stored Service's ports marked in use, ports none holds freed once found so in a row (NodePortRange.repair). */
  repair(services: readonly Readonly<KubeObject>[]): Promise<void> {
    return this.range.repair(services.flatMap(heldPorts));
  }

  private missingHealthCheck(service: Readonly<KubeObject>): boolean {
    const spec = specOf(service);
    return needsHealthCheckNodePort(spec) && !spec.healthCheckNodePort;
  }

  /** Reserves what `service` holds beyond `before` and draws its missing ports. */
  private async reserve(service: KubeObject, before: readonly number[], options: WriteOptions): Promise<WriteFinisher | undefined> {
    const spec = specOf(service);
    const requested = heldPorts(service).filter((port) => !before.includes(port));
    const missing = missingPorts(spec);
    const healthCheck = this.missingHealthCheck(service);
    if (requested.length === 0 && missing.size === 0 && !healthCheck) return undefined;
    let drawn: number[];
    try {
      drawn = await this.range.allocate(requested, missing.size + (healthCheck ? 1 : 0), options.dryRun);
    } catch (error) {
      if (error instanceof NodePortsTaken) throw takenError(service, error.ports);
      throw error;
    }
    const picks = [...drawn];
    for (const group of missing.values()) {
      const port = picks.shift()!;
      for (const servicePort of group) servicePort.nodePort = port;
    }
    if (healthCheck) spec.healthCheckNodePort = picks.shift();
    if (options.dryRun) return undefined;
    const reserved = [...requested, ...drawn];
    return async (written) => {
      if (!written) await this.range.release(reserved);
      else await this.range.release(before.filter((port) => !heldPorts(service).includes(port)));
    };
  }
}
