import { sameJson } from '@kubekit/store';
import { newBadRequest } from '@kubekit/apimachinery';
import type { KubeObject } from './kube-object.js';

/**
 * Whether anything but metadata and status changed: what bumps `metadata.generation`
 * (API Conventions: generation is incremented on changes to the desired state).
 */
export function specChanged(old: Readonly<KubeObject>, next: Readonly<KubeObject>): boolean {
  const keys = new Set([...Object.keys(old), ...Object.keys(next)]);
  for (const key of keys) {
    if (key === 'metadata' || key === 'status' || key === 'apiVersion' || key === 'kind') continue;
    if (!sameJson(old[key], next[key])) return true;
  }
  return false;
}

/** A resourceVersion query parameter: absent, or a decimal revision. Clients treat it as opaque; we do not. */
export function parseResourceVersion(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw newBadRequest(`Invalid value: "${value}": resourceVersion must be a number`);
  return Number(value);
}
