import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, backends, startCluster } from './harness.js';

// Real kubectl v1.35 with a CustomResourceDefinition: the new resource is served as soon as the
// CRD is created (discovery, OpenAPI for kubectl's validation, routes), the CRD reports
// Established, objects are validated and pruned by the version's schema, custom objects take merge patches and server-side apply (strategic merge is 415,
// as on a real cluster), and deleting the CRD stops serving the resource and removes its objects.

let cluster: Cluster;

const FOO_SCHEMA = {
  openAPIV3Schema: {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        description: 'The desired state of a Foo.',
        properties: { msg: { type: 'string', description: 'The message a Foo carries.' }, msg1: { type: 'string' }, replicas: { type: 'integer' } },
      },
      status: { type: 'object', properties: { replicas: { type: 'integer' }, selector: { type: 'string' } } },
    },
  },
};

const CRD = JSON.stringify({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'foos.hello.zeng.dev' },
  spec: {
    group: 'hello.zeng.dev',
    scope: 'Namespaced',
    names: { plural: 'foos', singular: 'foo', kind: 'Foo', shortNames: ['fo'] },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: FOO_SCHEMA,
        subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' } },
        additionalPrinterColumns: [
          { name: 'Message', type: 'string', jsonPath: '.spec.msg' },
          { name: 'Message1', type: 'string', jsonPath: '.spec.msg1', priority: 1 },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
      },
      // A second version under conversion: None: the same objects, read with its apiVersion.
      { name: 'v1beta1', served: true, storage: false, schema: FOO_SCHEMA },
    ],
  },
});

const foo = (name: string, msg: string) =>
  JSON.stringify({ apiVersion: 'hello.zeng.dev/v1', kind: 'Foo', metadata: { name }, spec: { msg } });

async function ok(args: string[], stdin?: string) {
  const result = await cluster.kubectl(args, { ...(stdin !== undefined && { stdin }) });
  expect(result.stderr, `kubectl ${args.join(' ')}`).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

const rows = (text: string) => text.trim().split('\n').map((line) => line.trim().split(/\s{2,}/));

// The same suite on each storage backend: memory, and etcd when it is installed.
describe.each(backends())('on $name storage', ({ start }) => {
  beforeAll(async () => {
    cluster = await startCluster(start);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  describe('kubectl with a CustomResourceDefinition', () => {
    it('creates the CRD, which becomes Established', async () => {
      expect(await ok(['apply', '-f', '-'], CRD)).toBe('customresourcedefinition.apiextensions.k8s.io/foos.hello.zeng.dev created\n');
      expect(await ok(['wait', '--for=condition=Established', 'crd/foos.hello.zeng.dev', '--timeout=20s'])).toBe(
        'customresourcedefinition.apiextensions.k8s.io/foos.hello.zeng.dev condition met\n',
      );
      const table = rows(await ok(['get', 'crds']));
      expect(table[0]).toEqual(['NAME', 'CREATED AT']);
      expect(table[1]![0]).toBe('foos.hello.zeng.dev');
    });

    it('serves the new resource at once: discovery, apply, get by short name', async () => {
      expect(rows(await ok(['api-resources', '--api-group=hello.zeng.dev']))).toEqual([
        ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'],
        ['foos', 'fo', 'hello.zeng.dev/v1', 'true', 'Foo'],
      ]);
      expect(await ok(['apply', '-f', '-'], foo('myfoo', 'hello world'))).toBe('foo.hello.zeng.dev/myfoo created\n');
      const table = rows(await ok(['get', 'fo']));
      expect(table.map((row) => row.slice(0, 2))).toEqual([
        ['NAME', 'MESSAGE'],
        ['myfoo', 'hello world'],
      ]);
      expect(table[0]![2]).toBe('AGE');
      expect(table[1]![2]).toMatch(/^\d+s$/);
      expect(rows(await ok(['get', 'fo', '-o', 'wide']))[0]).toEqual(['NAME', 'MESSAGE', 'MESSAGE1', 'AGE']);
      const listed = JSON.parse(await ok(['get', 'foos', '-o', 'json']));
      expect(listed.items[0]).toMatchObject({ apiVersion: 'hello.zeng.dev/v1', kind: 'Foo', spec: { msg: 'hello world' }, metadata: { generation: 1 } });
    });

    it('serves the objects through every served version, each with its own apiVersion', async () => {
      expect(await ok(['get', 'foos.v1beta1.hello.zeng.dev', 'myfoo', '-o', 'jsonpath={.apiVersion} {.spec.msg}'])).toBe('hello.zeng.dev/v1beta1 hello world');
      expect(await ok(['get', 'foos.v1.hello.zeng.dev', 'myfoo', '-o', 'jsonpath={.apiVersion}'])).toBe('hello.zeng.dev/v1');
    });

    it('explains the resource from its schema', async () => {
      expect(await ok(['explain', 'foo.spec'])).toBe(`GROUP:      hello.zeng.dev
KIND:       Foo
VERSION:    v1

FIELD: spec <Object>


DESCRIPTION:
    The desired state of a Foo.
    
FIELDS:
  msg\t<string>
    The message a Foo carries.

  msg1\t<string>
    <no description>

  replicas\t<integer>
    <no description>


`);
      expect(await ok(['explain', 'foo'])).toContain('  metadata\t<ObjectMeta>\n    Standard object\'s metadata. More info:');
    });

    it('validates against the schema with the real 422, and refuses unknown fields under strict validation', async () => {
      const invalid = await cluster.kubectl(['apply', '-f', '-'], { stdin: JSON.stringify({ apiVersion: 'hello.zeng.dev/v1', kind: 'Foo', metadata: { name: 'bad' }, spec: { msg: 5 } }) });
      expect(invalid.code).toBe(1);
      expect(invalid.stderr).toBe('The Foo "bad" is invalid: spec.msg: Invalid value: "integer": spec.msg in body must be of type string: "integer"\n');
      const unknown = JSON.stringify({ apiVersion: 'hello.zeng.dev/v1', kind: 'Foo', metadata: { name: 'odd' }, spec: { msg: 'x', colour: 'red' } });
      const strict = await cluster.kubectl(['apply', '--validate=strict', '-f', '-'], { stdin: unknown });
      expect(strict.code).toBe(1);
      expect(strict.stderr).toBe(
        'Error from server (BadRequest): error when creating "STDIN": Foo in version "v1" cannot be handled as a Foo: strict decoding error: unknown field "spec.colour"\n',
      );
      expect(await ok(['apply', '--validate=false', '-f', '-'], unknown)).toBe('foo.hello.zeng.dev/odd created\n');
      expect(JSON.parse(await ok(['get', 'fo', 'odd', '-o', 'json'])).spec).toEqual({ msg: 'x' });
    });

    it('patches with merge patch, refuses strategic merge as the real server does, applies server-side', async () => {
      expect(await ok(['patch', 'fo', 'myfoo', '--type', 'merge', '-p', '{"spec":{"msg":"patched"}}'])).toBe('foo.hello.zeng.dev/myfoo patched\n');
      const strategic = await cluster.kubectl(['patch', 'fo', 'myfoo', '-p', '{"spec":{"msg":"x"}}']);
      expect(strategic.code).toBe(1);
      expect(strategic.stderr).toBe(
        'error: application/strategic-merge-patch+json is not supported by hello.zeng.dev/v1, Kind=Foo: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml\n',
      );
      expect(await ok(['apply', '--server-side', '-f', '-'], foo('ssafoo', 'applied'))).toBe('foo.hello.zeng.dev/ssafoo serverside-applied\n');
      const applied = JSON.parse(await ok(['get', 'fo', 'ssafoo', '-o', 'json', '--show-managed-fields']));
      expect(applied.metadata.managedFields).toEqual([
        expect.objectContaining({ manager: 'kubectl', operation: 'Apply', apiVersion: 'hello.zeng.dev/v1', fieldsType: 'FieldsV1' }),
      ]);
      expect(applied.metadata.managedFields[0].fieldsV1['f:spec']).toHaveProperty('f:msg');
    });

    it('scales through the scale subresource and writes status through /status', async () => {
      expect(await ok(['scale', 'fo', 'myfoo', '--replicas=3'])).toBe('foo.hello.zeng.dev/myfoo scaled\n');
      expect(await ok(['patch', 'fo', 'myfoo', '--subresource=status', '--type=merge', '-p', '{"status":{"replicas":3,"selector":"app=foo"}}'])).toBe(
        'foo.hello.zeng.dev/myfoo patched\n',
      );
      const scale = JSON.parse(await ok(['get', '--raw', '/apis/hello.zeng.dev/v1/namespaces/default/foos/myfoo/scale']));
      expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 3 }, status: { replicas: 3, selector: 'app=foo' } });
    });

    it('stops serving the resource and removes its objects when the CRD is deleted', async () => {
      expect(await ok(['delete', 'crd', 'foos.hello.zeng.dev'])).toBe('customresourcedefinition.apiextensions.k8s.io "foos.hello.zeng.dev" deleted\n');
      expect((await ok(['api-resources', '--api-group=hello.zeng.dev'])).trim()).toBe('NAME   SHORTNAMES   APIVERSION   NAMESPACED   KIND');
      const raw = await cluster.kubectl(['get', '--raw', '/apis/hello.zeng.dev/v1/namespaces/default/foos']);
      expect(raw.code).toBe(1);
      expect(await ok(['apply', '-f', '-'], CRD)).toBe('customresourcedefinition.apiextensions.k8s.io/foos.hello.zeng.dev created\n');
      expect(JSON.parse(await ok(['get', 'foos', '-o', 'json'])).items).toEqual([]);
    });
  });
});
