import type { OwnerReference, Pod, PodTemplateSpec } from '@kubekit/types';
import type { Meta } from './informer.js';

export interface Owned extends Meta {
  apiVersion?: string;
  kind?: string;
}

/** The owner reference that makes `owner` the controller of what it creates (blockOwnerDeletion for foreground deletion). */
export function controllerRef(owner: Owned, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata?.name ?? '', uid: owner.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** The controller owner reference of an object, if any. */
export const controllerOf = (object: Meta): OwnerReference | undefined => object.metadata?.ownerReferences?.find((owner) => owner.controller);

export const isControlledBy = (object: Meta, owner: Meta): boolean => controllerOf(object)?.uid === owner.metadata?.uid;

/** Pods that count towards a controller's replicas: neither being deleted nor finished (controller.FilterActivePods). */
export const isActivePod = (pod: Pod): boolean => !pod.metadata?.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';

export const isPodReady = (pod: Pod): boolean => pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ?? false;

/**
 * When a ready pod counts as available: once it has been Ready for `minReadySeconds`
 * (podutil.IsPodAvailable); undefined for a pod that is not ready.
 */
export function availableAt(pod: Pod, minReadySeconds: number): number | undefined {
  const ready = pod.status?.conditions?.find((condition) => condition.type === 'Ready' && condition.status === 'True');
  if (!ready) return undefined;
  if (minReadySeconds <= 0) return 0;
  return Date.parse(ready.lastTransitionTime ?? '') + minReadySeconds * 1000;
}

/** What a controller's pods carry besides their template's: a name, labels and annotations of their own. */
export interface PodIdentity {
  /** A fixed name (a StatefulSet's `web-0`), or a `generateName` prefix. */
  name?: string;
  generateName?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  spec?: Partial<NonNullable<Pod['spec']>>;
}

/** A pod from a controller's template, controlled by it (controller.GetPodFromTemplate). */
export function podFromTemplate(owner: Owned, apiVersion: string, kind: string, template: PodTemplateSpec | undefined, identity: PodIdentity): Pod {
  const annotations = { ...template?.metadata?.annotations, ...identity.annotations };
  const labels = { ...template?.metadata?.labels, ...identity.labels };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(identity.name ? { name: identity.name } : { generateName: identity.generateName ?? `${owner.metadata?.name}-` }),
      namespace: owner.metadata?.namespace,
      ...(Object.keys(labels).length && { labels }),
      ...(Object.keys(annotations).length && { annotations }),
      ownerReferences: [controllerRef(owner, apiVersion, kind)],
    },
    spec: { ...structuredClone(template?.spec ?? { containers: [] }), ...identity.spec },
  };
}
