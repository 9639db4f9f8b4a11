import {
  OPTIMISTIC_LOCK_ERROR_MSG,
  type LabelSelector,
  fieldInvalid,
  formatLabelSelector,
  newConflict,
  newInvalid,
} from '@kubekit/apimachinery';
import type { KubeObject, ResourceDefinition, ScaleSubresource } from '@kubekit/registry';

export const SCALE_GVK = { group: 'autoscaling', version: 'v1', kind: 'Scale' } as const;

/** autoscaling/v1 Scale, the `/scale` view of a workload. */
export interface Scale extends KubeObject {
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

function read(object: unknown, path: string): unknown {
  let value = object;
  for (const part of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  return value;
}

function write(object: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let target = object;
  for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
  target[parts.at(-1)!] = value;
}

function scaleSubresource(definition: ResourceDefinition): ScaleSubresource {
  if (!definition.scale) throw new Error(`${definition.resource} has no scale subresource`);
  return definition.scale;
}

/**
 * The Scale of an object (the scale subresource of apps/v1 workloads): replicas from the spec and
 * status, and the label selector written as a string (`status.selector: app=web`), as HPA reads it.
 */
export function scaleOf(definition: ResourceDefinition, object: Readonly<KubeObject>): Scale {
  const paths = scaleSubresource(definition);
  const meta = object.metadata ?? {};
  const selector = paths.labelSelectorPath
    ? read(object, paths.labelSelectorPath)
    : paths.labelMapPath
      ? { matchLabels: read(object, paths.labelMapPath) as Record<string, string> | undefined }
      : undefined;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: meta.name ?? '',
      ...(meta.namespace && { namespace: meta.namespace }),
      ...(meta.uid && { uid: meta.uid }),
      ...(meta.resourceVersion && { resourceVersion: meta.resourceVersion }),
      ...(meta.creationTimestamp && { creationTimestamp: meta.creationTimestamp }),
    },
    spec: { replicas: Number(read(object, paths.specReplicasPath) ?? 0) },
    status: {
      replicas: Number(read(object, paths.statusReplicasPath) ?? 0),
      // A custom resource's labelSelectorPath names the string form already.
      ...(selector !== undefined && { selector: typeof selector === 'string' ? selector : formatLabelSelector(selector as LabelSelector) }),
    },
  };
}

/**
 * The object with the Scale's replicas written into its spec. A resourceVersion in the Scale is a
 * precondition (kubectl scale --current-replicas sends one); replicas must be a whole number ≥ 0.
 */
export function withScale(definition: ResourceDefinition, current: Readonly<KubeObject>, scale: KubeObject): KubeObject {
  const name = current.metadata?.name ?? '';
  const requested = scale.metadata?.resourceVersion;
  if (requested && requested !== current.metadata?.resourceVersion) {
    throw newConflict({ group: definition.group, resource: definition.resource }, name, OPTIMISTIC_LOCK_ERROR_MSG);
  }
  const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas ?? 0;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw newInvalid({ group: 'autoscaling', kind: 'Scale' }, name, [
      fieldInvalid('spec.replicas', replicas, 'must be greater than or equal to 0'),
    ]);
  }
  const next = structuredClone(current) as KubeObject;
  write(next as Record<string, unknown>, scaleSubresource(definition).specReplicasPath, replicas);
  return next;
}
