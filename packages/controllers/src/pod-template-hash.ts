import type { PodTemplateSpec } from '@kubekit/types';

export const POD_TEMPLATE_HASH = 'pod-template-hash';

/** k8s.io/apimachinery/pkg/util/rand: the characters a hash is spelled with (no vowels, no look-alikes). */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** JSON with sorted keys: the same template always gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, field]) => field !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, field]) => `${JSON.stringify(key)}:${canonical(field)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The template without the pod-template-hash label, for comparing a ReplicaSet's template with its Deployment's. */
export function withoutHash(template: PodTemplateSpec | undefined): PodTemplateSpec {
  const copy = structuredClone(template ?? {});
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[POD_TEMPLATE_HASH];
    if (Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
  }
  return copy;
}

/** deploymentutil.EqualIgnoreHash: the same template but for the hash label. */
export const sameTemplate = (a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean => canonical(withoutHash(a)) === canonical(withoutHash(b));

/**
 * controller.ComputeHash: an FNV-32a hash of the template (and the collision count), its decimal
 * digits spelled in the safe alphabet, as in `nginx-7854ff8877`. The real one hashes Go's printed
 * struct, so the value differs from a real cluster's; its shape and stability do not.
 */
export function podTemplateHash(template: PodTemplateSpec | undefined, collisionCount = 0): string {
  const digits = String(fnv32a(canonical(withoutHash(template)) + (collisionCount ? String(collisionCount) : '')));
  return [...digits].map((digit) => ALPHANUMS[digit.charCodeAt(0) % ALPHANUMS.length]).join('');
}
