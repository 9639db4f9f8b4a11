import { describe, expect, it } from 'vitest';
import { formatApiVersion, gvkOf, parseApiVersion } from './gvk.js';

describe('parseApiVersion', () => {
  it('splits group and version', () => {
    expect(parseApiVersion('apps/v1')).toEqual({ group: 'apps', version: 'v1' });
    expect(parseApiVersion('rbac.authorization.k8s.io/v1')).toEqual({ group: 'rbac.authorization.k8s.io', version: 'v1' });
  });

  it('reads a bare version as the core group', () => {
    expect(parseApiVersion('v1')).toEqual({ group: '', version: 'v1' });
  });

  it('rejects more than one slash, as Kubernetes does', () => {
    expect(() => parseApiVersion('a/b/c')).toThrow('unexpected GroupVersion string: a/b/c');
  });

  it('round-trips with formatApiVersion', () => {
    for (const apiVersion of ['v1', 'apps/v1', 'networking.k8s.io/v1']) {
      expect(formatApiVersion(parseApiVersion(apiVersion))).toBe(apiVersion);
    }
  });

  it('builds a GroupVersionKind', () => {
    expect(gvkOf('batch/v1', 'Job')).toEqual({ group: 'batch', version: 'v1', kind: 'Job' });
  });
});
