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
    if (!deepEqual(old[key], next[key])) return true;
  }
  return false;
}

/**
 * Equality of the JSON two values stand for (apiequality.Semantic.DeepEqual for the plain data of
 * an object): key order does not count, and a key whose value is undefined counts as absent.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let count = 0;
  for (const key of Object.keys(left)) {
    if (left[key] === undefined) continue;
    // Own keys only: `right.__proto__` of an object without that key is Object.prototype.
    if (!Object.hasOwn(right, key) || !deepEqual(left[key], right[key])) return false;
    count++;
  }
  for (const key of Object.keys(right)) if (right[key] !== undefined) count--;
  return count === 0;
}

/** A resourceVersion query parameter: absent, or a decimal revision. Clients treat it as opaque; we do not. */
export function parseResourceVersion(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw newBadRequest(`Invalid value: "${value}": resourceVersion must be a number`);
  return Number(value);
}
