import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { kubeMetadata, schemaFor, schemaForId } from './zod-schemas.js';

const DEPLOYMENT = { group: 'apps', version: 'v1', kind: 'Deployment' };

describe('schemaFor', () => {
  it('parses a valid Deployment and strips unknown keys', () => {
    const result = schemaFor(DEPLOYMENT).safeParse({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', creationTimestamp: '2024-05-01T12:00:00Z' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { spec: { containers: [{ name: 'web', image: 'nginx', resources: { limits: { cpu: '1' } }, x: 1 }] } },
        strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      },
    });
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx' }] } } } });
    expect(JSON.stringify(result.data)).not.toContain('"x"');
  });

  it('reports type errors and missing required fields with their paths', () => {
    const result = schemaFor(DEPLOYMENT).safeParse({ spec: { replicas: 'two', template: { spec: { containers: [{}] } } } });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['spec.replicas', 'spec.selector', 'spec.template.spec.containers.0.name']));
  });

  it('validates the special types', () => {
    const pod = schemaFor({ group: '', version: 'v1', kind: 'Pod' });
    expect(pod.safeParse({ metadata: { creationTimestamp: 'yesterday' } }).success).toBe(false);
    expect(pod.safeParse({ spec: { containers: [{ name: 'c', resources: { limits: { cpu: '1x' } } }] } }).success).toBe(false);
    expect(pod.safeParse({ spec: { containers: [{ name: 'c', ports: [{ containerPort: 2 ** 31 }] }] } }).success).toBe(false);
    expect(pod.safeParse({ spec: { containers: [{ name: 'c', resources: { limits: { cpu: 2, memory: '1Gi' } } }] } }).success).toBe(true);
  });

  it('builds each struct once and registers its id', () => {
    const spec = schemaForId('io.k8s.api.core.v1.PodSpec');
    expect(schemaForId('io.k8s.api.core.v1.PodSpec')).toBe(spec);
    expect(kubeMetadata.get(spec)?.id).toBe('io.k8s.api.core.v1.PodSpec');
    expect(kubeMetadata.get(schemaFor(DEPLOYMENT))?.['x-kubernetes-group-version-kind']).toEqual([DEPLOYMENT]);
    expect(z.globalRegistry.get(spec)).toBeUndefined();
  });

  it('throws for unknown kinds', () => {
    expect(() => schemaFor({ group: 'example.com', version: 'v1', kind: 'Foo' })).toThrow('unknown kind Foo in example.com/v1');
  });
});
