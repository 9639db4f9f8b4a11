import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../json.js';
import { openApiComponents, openApiSchemas } from './openapi.js';

const REF = '#/components/schemas/';

type Schemas = Readonly<Record<string, JsonSchema>>;

function resolve(schemas: Schemas, schema: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  return typeof ref === 'string' ? (schemas[ref.slice(REF.length)] ?? {}) : schema;
}

/** The type kubectl explain prints in `<...>`, following its plaintext template's typeGuess. */
function typeGuess(schemas: Schemas, schema: JsonSchema): string {
  const items = schema.items as JsonSchema | undefined;
  const values = schema.additionalProperties as JsonSchema | undefined;
  const allOf = schema.allOf as JsonSchema[] | undefined;
  if (items) return `[]${typeGuess(schemas, items)}`;
  if (values && typeof values === 'object') return `map[string]${typeGuess(schemas, values)}`;
  if (allOf?.length === 1 && !schema.properties) return typeGuess(schemas, allOf[0]!);
  if (typeof schema.$ref === 'string') {
    const target = resolve(schemas, schema);
    if (!target.type || target.type === 'object') return schema.$ref.split('.').at(-1)!;
    return String(target.type);
  }
  return schema.type === 'object' ? 'Object' : String(schema.type ?? 'Object');
}

/** Follows a field path (`spec.containers`) as kubectl explain does: properties, items, maps and allOf. */
function explain(schemas: Schemas, kind: { group: string; version: string; kind: string }, path: string[]): JsonSchema | undefined {
  let schema: JsonSchema | undefined = Object.values(schemas).find((s) =>
    (s['x-kubernetes-group-version-kind'] as object[] | undefined)?.some((g) => JSON.stringify(g) === JSON.stringify(kind)),
  );
  for (const name of path) {
    if (!schema) return undefined;
    let resolved = resolve(schemas, schema);
    const allOf = resolved.allOf as JsonSchema[] | undefined;
    if (allOf) resolved = resolve(schemas, allOf[0]!);
    if (resolved.items) resolved = resolve(schemas, resolved.items as JsonSchema);
    resolved = resolve(schemas, (resolved.allOf as JsonSchema[] | undefined)?.[0] ?? resolved);
    schema = (resolved.properties as Record<string, JsonSchema> | undefined)?.[name];
  }
  return schema;
}

function refsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsOf(v, out);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') out.push(v);
      else refsOf(v, out);
    }
  }
  return out;
}

describe('openApiComponents', () => {
  const core = openApiComponents('', 'v1').schemas;
  const apps = openApiComponents('apps', 'v1').schemas;

  it('describes core/v1 Pod as the apiserver does', () => {
    expect(core['io.k8s.api.core.v1.Pod']).toMatchObject({
      type: 'object',
      properties: {
        kind: { type: 'string' },
        apiVersion: { type: 'string' },
        metadata: { default: {}, allOf: [{ $ref: `${REF}io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta` }] },
        spec: { default: {}, allOf: [{ $ref: `${REF}io.k8s.api.core.v1.PodSpec` }] },
        status: { default: {}, allOf: [{ $ref: `${REF}io.k8s.api.core.v1.PodStatus` }] },
      },
      'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'Pod' }],
    });
  });

  it('carries patch strategies, merge keys and required fields', () => {
    const spec = core['io.k8s.api.core.v1.PodSpec']!;
    expect(spec.required).toEqual(['containers']);
    expect((spec.properties as Record<string, JsonSchema>).containers).toMatchObject({
      type: 'array',
      items: { default: {}, allOf: [{ $ref: `${REF}io.k8s.api.core.v1.Container` }] },
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-patch-merge-key': 'name',
    });
    const container = core['io.k8s.api.core.v1.Container']!;
    expect(container.required).toEqual(['name']);
    expect((container.properties as Record<string, JsonSchema>).name).toMatchObject({ type: 'string', default: '' });
    expect((container.properties as Record<string, JsonSchema>).ports).toMatchObject({
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-patch-merge-key': 'containerPort',
    });
    expect((core['io.k8s.api.core.v1.ContainerPort']!.properties as Record<string, JsonSchema>).containerPort).toMatchObject({
      type: 'integer',
      format: 'int32',
      default: 0,
    });
  });

  it('writes the special types as the apiserver does', () => {
    expect(core['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({
      format: 'int-or-string',
      oneOf: [{ type: 'integer' }, { type: 'string' }],
      'x-kubernetes-int-or-string': true,
    });
    expect(core['io.k8s.apimachinery.pkg.api.resource.Quantity']).toEqual({ oneOf: [{ type: 'string' }, { type: 'number' }] });
    expect(core['io.k8s.apimachinery.pkg.apis.meta.v1.Time']).toEqual({ type: 'string', format: 'date-time' });
    expect(core['io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime']).toEqual({ type: 'string', format: 'date-time' });
    expect(core['io.k8s.apimachinery.pkg.runtime.RawExtension']).toMatchObject({ type: 'object' });
    expect(core['io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1']).toMatchObject({ type: 'object' });
    const secret = core['io.k8s.api.core.v1.Secret']!.properties as Record<string, JsonSchema>;
    expect(secret.data).toMatchObject({ type: 'object', additionalProperties: { type: 'string', format: 'byte' } });
    const limits = (core['io.k8s.api.core.v1.ResourceRequirements']!.properties as Record<string, JsonSchema>).limits;
    expect(limits).toMatchObject({ type: 'object', additionalProperties: { $ref: `${REF}io.k8s.apimachinery.pkg.api.resource.Quantity` } });
  });

  it('describes apps/v1 Deployment with what it references from core/v1 and meta/v1', () => {
    expect(apps['io.k8s.api.apps.v1.Deployment']!['x-kubernetes-group-version-kind']).toEqual([
      { group: 'apps', version: 'v1', kind: 'Deployment' },
    ]);
    const spec = apps['io.k8s.api.apps.v1.DeploymentSpec']!;
    expect(spec.required).toEqual(['selector', 'template']);
    expect((spec.properties as Record<string, JsonSchema>).strategy).toMatchObject({
      default: {},
      'x-kubernetes-patch-strategy': 'retainKeys',
      allOf: [{ $ref: `${REF}io.k8s.api.apps.v1.DeploymentStrategy` }],
    });
    expect((apps['io.k8s.api.apps.v1.RollingUpdateDeployment']!.properties as Record<string, JsonSchema>).maxSurge).toMatchObject({
      allOf: [{ $ref: `${REF}io.k8s.apimachinery.pkg.util.intstr.IntOrString` }],
    });
    expect(Object.keys(apps)).toEqual(expect.arrayContaining(['io.k8s.api.core.v1.PodSpec', 'io.k8s.apimachinery.pkg.apis.meta.v1.Status']));
    // The Go doc comments, as the apiserver's descriptions (kubectl explain prints them).
    expect(apps['io.k8s.api.apps.v1.DeploymentSpec']!.description).toBe('DeploymentSpec is the specification of the desired behavior of the Deployment.');
    expect((spec.properties as Record<string, JsonSchema>).replicas).toEqual({
      type: 'integer',
      format: 'int32',
      description: 'Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.',
    });
    expect((spec.properties as Record<string, JsonSchema>).selector).toEqual({
      allOf: [{ $ref: `${REF}io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector` }],
      description: expect.stringMatching(/^Label selector for pods\./),
    });
    expect(Object.keys(apps).some((id) => id.startsWith('io.k8s.api.batch.'))).toBe(false);
  });

  it('has a schema for every $ref', () => {
    for (const schemas of [core, apps]) {
      const missing = refsOf(schemas).filter((ref) => !schemas[ref.slice(REF.length)]);
      expect(missing).toEqual([]);
      expect(refsOf(schemas).every((ref) => ref.startsWith(REF))).toBe(true);
      expect(JSON.stringify(schemas)).not.toMatch(/"\$id"|"\$schema"|additionalProperties":false|"id":/);
    }
  });

  it('lets kubectl explain walk fields and guess their types', () => {
    const pod = { group: '', version: 'v1', kind: 'Pod' };
    const guess = (path: string) => typeGuess(core, explain(core, pod, path.split('.'))!);
    expect(guess('spec')).toBe('PodSpec');
    expect(guess('metadata')).toBe('ObjectMeta');
    expect(guess('spec.containers')).toBe('[]Container');
    expect(guess('spec.containers.ports')).toBe('[]ContainerPort');
    expect(guess('spec.containers.ports.containerPort')).toBe('integer');
    expect(guess('spec.containers.resources.limits')).toBe('map[string]Quantity');
    expect(guess('metadata.creationTimestamp')).toBe('string');
    expect(guess('metadata.labels')).toBe('map[string]string');
    expect(guess('spec.containers.livenessProbe.httpGet.port')).toBe('IntOrString');
    const deployment = { group: 'apps', version: 'v1', kind: 'Deployment' };
    expect(typeGuess(apps, explain(apps, deployment, ['spec', 'template', 'spec', 'containers'])!)).toBe('[]Container');
  });

  it('covers several group versions at once and caches the result', () => {
    const both = openApiSchemas([{ group: 'batch', version: 'v1' }, { group: 'apps', version: 'v1' }]);
    expect(both['io.k8s.api.batch.v1.CronJob']).toBeDefined();
    expect(both['io.k8s.api.apps.v1.StatefulSet']).toBeDefined();
    expect(openApiSchemas([{ group: 'apps', version: 'v1' }, { group: 'batch', version: 'v1' }])).toBe(both);
    expect(Object.isFrozen(both['io.k8s.api.batch.v1.CronJob'])).toBe(true);
  });
});
