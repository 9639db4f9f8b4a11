import type { Client } from '@kubekit/server';
import type { Node, Taint } from '@kubekit/types';
import { formatTime } from '@kubekit/registry';
import type { Clock } from './clock.js';
import { EventRecorder } from './events.js';

/** A node the simulated kubelets run. */
export interface SimulatedNode {
  name: string;
  /** Added to the well-known labels (hostname, os, arch). */
  labels?: Record<string, string>;
  taints?: Taint[];
  /** Default: 4 CPUs, 16 GiB of memory, 110 pods. */
  capacity?: Record<string, string>;
  /** A cordoned node: `spec.unschedulable`. */
  unschedulable?: boolean;
}

export const DEFAULT_NODE_COUNT = 3;

const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';

const DEFAULT_CAPACITY: Record<string, string> = { cpu: '4', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi' };

/** `nodes: 3` → node-1 … node-3; names or full descriptions as given. */
export function simulatedNodes(nodes: number | readonly (string | SimulatedNode)[] = DEFAULT_NODE_COUNT): SimulatedNode[] {
  if (typeof nodes === 'number') return Array.from({ length: nodes }, (_, i) => ({ name: `node-${i + 1}` }));
  return nodes.map((node) => (typeof node === 'string' ? { name: node } : node));
}

/** The node's address in the kind-like network the simulation pretends to: 172.18.0.2, .3 … */
export const nodeAddress = (index: number): string => `172.18.0.${index + 2}`;
/** Each node's pod network, as the node IPAM controller hands them out: 10.244.1.0/24 … */
export const podCIDR = (index: number): string => `10.244.${index + 1}.0/24`;

function nodeObject(node: SimulatedNode, index: number, version: string, now: string): Node {
  const capacity = { ...DEFAULT_CAPACITY, ...node.capacity };
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
    reason,
    message,
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      labels: {
        'kubernetes.io/hostname': node.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'beta.kubernetes.io/arch': 'amd64',
        ...node.labels,
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: {
      podCIDR: podCIDR(index),
      podCIDRs: [podCIDR(index)],
      providerID: `kubekit://${node.name}`,
      ...(node.taints?.length && { taints: node.taints }),
      ...(node.unschedulable && { unschedulable: true }),
    },
    status: {
      capacity,
      allocatable: capacity,
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: nodeAddress(index) },
        { type: 'Hostname', address: node.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: '',
        systemUUID: '',
        bootID: '',
        kernelVersion: '6.1.0-kubekit',
        osImage: 'kubekit simulated node',
        containerRuntimeVersion: 'containerd://2.1.0',
        kubeletVersion: version,
        kubeProxyVersion: '',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

/**
 * Registers the simulated nodes as their kubelets would: each Node is created if missing (kept as
 * it is if it exists: a test may have cordoned or labelled it), and its status says Ready.
 */
export async function registerNodes(client: Client, clock: Clock, nodes: readonly SimulatedNode[], version: string): Promise<void> {
  const store = client.kind('v1', 'Node');
  const now = formatTime(clock.now());
  for (const [index, node] of nodes.entries()) {
    const desired = nodeObject(node, index, version, now);
    let current: Node;
    try {
      current = await store.get(node.name);
    } catch {
      current = await store.create({ ...desired, status: {} }, { fieldManager: 'kubelet' });
      tellRegistered(client, clock, current);
    }
    const ready = await store.updateStatus({ ...current, status: desired.status }, { fieldManager: 'kubelet' });
    // A node registers with the not-ready taint; the node lifecycle controller lifts it once the node is Ready.
    const taints = ready.spec?.taints ?? [];
    const lifted = taints.filter((taint) => taint.key !== NOT_READY_TAINT);
    if (lifted.length !== taints.length) {
      await store.update({ ...ready, spec: { ...ready.spec, taints: lifted.length ? lifted : undefined } }, { fieldManager: 'kube-controller-manager' });
    }
    await renewLease(client, clock, ready);
  }
}

/** How long a node's lease lasts, and how often its kubelet renews it (the kubelet's defaults). */
const LEASE_DURATION_SECONDS = 40;
export const LEASE_RENEW_MS = 10_000;

/** The node's heartbeat: a Lease of its name in kube-node-lease, owned by the Node, renewed now. */
export async function renewLease(client: Client, clock: Clock, node: Node): Promise<void> {
  const leases = client.kind('coordination.k8s.io/v1', 'Lease');
  const name = node.metadata?.name ?? '';
  const renewTime = new Date(clock.now()).toISOString().replace('Z', '000Z');
  try {
    const current = await leases.get(name, { namespace: 'kube-node-lease' });
    await leases.update({ ...current, spec: { ...current.spec, renewTime } }, { fieldManager: 'kubelet' });
  } catch {
    await leases
      .create(
        {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name, namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata?.uid ?? '' }] },
          spec: { holderIdentity: name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime },
        },
        { fieldManager: 'kubelet' },
      )
      .catch(() => undefined);
  }
}

/** Renews the nodes' leases every LEASE_RENEW_MS on the clock, as their kubelets do; the returned function stops it. */
export function keepLeases(client: Client, clock: Clock, names: readonly string[]): () => void {
  let cancel: () => void = () => undefined;
  let stopped = false;
  const renew = () => {
    cancel = clock.after(LEASE_RENEW_MS, () => {
      void (async () => {
        for (const name of names) {
          if (stopped) return;
          const node = await client.kind('v1', 'Node').get(name).catch(() => undefined);
          if (node) await renewLease(client, clock, node);
        }
        if (!stopped) renew();
      })();
    });
  };
  renew();
  return () => {
    stopped = true;
    cancel();
  };
}

/** The events a node's registration leaves (kubelet and node controller), which `kubectl describe node` lists. */
function tellRegistered(client: Client, clock: Clock, node: Node): void {
  const name = node.metadata?.name ?? '';
  // The kubelet names its node by name as the involved object's uid.
  const involved = { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: name } };
  const kubelet = new EventRecorder(client, clock, 'kubelet', name);
  kubelet.record(involved, 'Normal', 'Starting', 'Starting kubelet.');
  for (const status of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID', 'NodeReady']) {
    kubelet.record(involved, 'Normal', status, `Node ${name} status is now: ${status}`);
  }
  new EventRecorder(client, clock, 'node-controller').record({ ...involved, metadata: { ...involved.metadata, uid: node.metadata?.uid } }, 'Normal', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
}
