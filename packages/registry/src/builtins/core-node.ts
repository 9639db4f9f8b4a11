import { type FieldError, fieldDuplicate, fieldForbidden, fieldInvalid, fieldNotSupported, fieldRequired, isValidLabelValue, validateLabelName } from '@kubekit/apimachinery';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';
import { compareStrings } from './table-format.js';

interface Taint {
  key?: string;
  value?: string;
  effect?: string;
  [key: string]: unknown;
}

interface Node extends KubeObject {
  spec?: { unschedulable?: boolean; taints?: Taint[]; podCIDR?: string; podCIDRs?: string[]; providerID?: string; [key: string]: unknown };
  status?: {
    capacity?: Record<string, unknown>;
    allocatable?: Record<string, unknown>;
    conditions?: { type?: string; status?: string }[];
    addresses?: { type?: string; address?: string }[];
    nodeInfo?: { kubeletVersion?: string; osImage?: string; kernelVersion?: string; containerRuntimeVersion?: string };
    [key: string]: unknown;
  };
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const PODCIDR_CHANGE = 'node updates may not change podCIDR except from "" to valid';

/** validateNodeTaints: key, value, effect, and one taint per key and effect. */
function validateTaints(taints: readonly Taint[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  taints.forEach((taint, i) => {
    const at = `spec.taints[${i}]`;
    errors.push(...validateLabelName(taint.key ?? '', `${at}.key`));
    const valueErrors = isValidLabelValue(taint.value ?? '');
    if (valueErrors.length > 0) errors.push(fieldInvalid(`${at}.value`, taint.value ?? '', valueErrors.join(';')));
    if (!taint.effect) errors.push(fieldRequired(`${at}.effect`, ''));
    else if (!EFFECTS.includes(taint.effect)) errors.push(fieldNotSupported(`${at}.effect`, taint.effect, EFFECTS));
    const key = `${taint.effect ?? ''}\u0000${taint.key ?? ''}`;
    if (seen.has(key)) errors.push({ ...fieldDuplicate(at, taint), detail: 'taints must be unique by key and effect pair' });
    seen.add(key);
  });
  return errors;
}

/** ValidateNodeUpdate: podCIDRs and providerID are set once. */
function validateNodeUpdate(node: Node, old: Readonly<Node>): FieldError[] {
  const errors: FieldError[] = [];
  const previous = old.spec?.podCIDRs ?? [];
  const next = node.spec?.podCIDRs ?? [];
  if (previous.length > 0) {
    if (previous.length !== next.length) errors.push(fieldForbidden('spec.podCIDRs', PODCIDR_CHANGE));
    else previous.forEach((cidr, i) => cidr !== next[i] && errors.push(fieldForbidden('spec.podCIDRs', PODCIDR_CHANGE)));
  }
  const providerID = old.spec?.providerID;
  if (providerID && providerID !== node.spec?.providerID) {
    errors.push(fieldForbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  return errors;
}

/** printNode's STATUS: Ready, NotReady or Unknown, then SchedulingDisabled when cordoned. */
function nodeStatus(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and the `kubernetes.io/role` value. */
function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    if (key.startsWith('node-role.kubernetes.io/') && key.length > 'node-role.kubernetes.io/'.length) {
      roles.add(key.slice('node-role.kubernetes.io/'.length));
    } else if (key === 'kubernetes.io/role' && value) roles.add(value);
  }
  return roles.size === 0 ? '<none>' : [...roles].sort(compareStrings).join(',');
}

function address(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

const NOT_READY_TAINT = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' };

export const nodes: ResourceDefinition<Node> = {
  group: '',
  version: 'v1',
  kind: 'Node',
  resource: 'nodes',
  singular: 'node',
  namespaced: false,
  shortNames: ['no'],
  statusSubresource: true,
  fieldSelectors: { 'spec.unschedulable': (node) => String(node.spec?.unschedulable === true) },
  columns: [
    { name: 'Status', type: 'string', description: 'The status of the node', cell: nodeStatus },
    { name: 'Roles', type: 'string', description: 'The roles of the node', cell: nodeRoles },
    ageColumn,
    { name: 'Version', type: 'string', description: 'Kubelet Version reported by the node.', cell: (n) => n.status?.nodeInfo?.kubeletVersion ?? '' },
    { name: 'Internal-IP', type: 'string', priority: 1, description: 'List of addresses reachable to the node.', cell: (n) => address(n, 'InternalIP') },
    { name: 'External-IP', type: 'string', priority: 1, description: 'List of addresses reachable to the node.', cell: (n) => address(n, 'ExternalIP') },
    { name: 'OS-Image', type: 'string', priority: 1, description: 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', cell: (n) => n.status?.nodeInfo?.osImage || '<unknown>' },
    { name: 'Kernel-Version', type: 'string', priority: 1, description: "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", cell: (n) => n.status?.nodeInfo?.kernelVersion || '<unknown>' },
    { name: 'Container-Runtime', type: 'string', priority: 1, description: 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', cell: (n) => n.status?.nodeInfo?.containerRuntimeVersion || '<unknown>' },
  ],
  strategy: {
    defaults(node) {
      // The v1 conversion pairs podCIDR with podCIDRs; SetDefaults_NodeStatus copies capacity to allocatable.
      const spec = node.spec;
      if (spec?.podCIDR && !spec.podCIDRs?.length) spec.podCIDRs = [spec.podCIDR];
      if (spec?.podCIDRs?.length) spec.podCIDR = spec.podCIDRs[0];
      if (node.status?.capacity && !node.status.allocatable) node.status.allocatable = { ...node.status.capacity };
    },
    // A kubelet registers its Node with a status, so a create keeps it (nodeStrategy.PrepareForCreate).
    // The TaintNodesByCondition admission plugin taints every new Node not-ready until its
    // lifecycle controller sees it Ready.
    prepareForCreate(node) {
      const spec = (node.spec ??= {});
      const taints = spec.taints ?? [];
      if (!taints.some((taint) => taint.key === NOT_READY_TAINT.key && taint.effect === NOT_READY_TAINT.effect)) {
        spec.taints = [...taints, { ...NOT_READY_TAINT }];
      }
    },
    validate: (node) => validateTaints(node.spec?.taints ?? []),
    validateUpdate: validateNodeUpdate,
  },
};
