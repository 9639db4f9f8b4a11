import { describe, expect, it } from 'vitest';
import type { CustomResourceDefinition } from './builtins/apiextensions-crd.js';
import { Registry } from './registry.js';
import type { ResourceStore } from './resource-store.js';

/** A schema that keeps whatever an object holds (a v1 CRD needs one per version). */
const OPEN = { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } };

const fooCrd = (overrides: Record<string, unknown> = {}) => ({
  metadata: { name: 'foos.hello.zeng.dev' },
  spec: {
    group: 'hello.zeng.dev',
    scope: 'Namespaced',
    names: { plural: 'foos', kind: 'Foo', shortNames: ['fo'] },
    versions: [
      { name: 'v1', served: true, storage: true, schema: OPEN, subresources: { status: {} } },
      { name: 'v2', served: false, storage: false, schema: OPEN },
    ],
    ...overrides,
  },
});

async function cluster() {
  const registry = new Registry();
  await registry.bootstrap();
  return { registry, crds: registry.resource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions') as unknown as ResourceStore<CustomResourceDefinition> };
}

describe('CustomResourceDefinitions', () => {
  it('serve each served version once created, accepted and established, with names defaulted', async () => {
    const { registry, crds } = await cluster();
    const revision = registry.revision;
    const { object } = await crds.create(undefined, fooCrd());
    expect(object.status).toMatchObject({
      acceptedNames: { plural: 'foos', singular: 'foo', kind: 'Foo', listKind: 'FooList', shortNames: ['fo'] },
      storedVersions: ['v1'],
      conditions: [
        { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts' },
        { type: 'Established', status: 'True', reason: 'InitialNamesAccepted' },
      ],
    });
    expect(registry.revision).toBeGreaterThan(revision);
    const foos = registry.resource('hello.zeng.dev', 'v1', 'foos')!;
    expect(foos.definition).toMatchObject({ kind: 'Foo', namespaced: true, statusSubresource: true, shortNames: ['fo'] });
    expect(registry.resource('hello.zeng.dev', 'v2', 'foos')).toBeUndefined();
    const created = await foos.create('default', { apiVersion: 'hello.zeng.dev/v1', kind: 'Foo', metadata: { name: 'x' }, spec: { msg: 'hi' } } as never);
    expect(created.object).toMatchObject({ spec: { msg: 'hi' }, metadata: { generation: 1 } });
  });

  it('stop serving and delete their objects when the definition goes', async () => {
    const { registry, crds } = await cluster();
    await crds.create(undefined, fooCrd());
    await registry.resource('hello.zeng.dev', 'v1', 'foos')!.create('default', { apiVersion: 'hello.zeng.dev/v1', kind: 'Foo', metadata: { name: 'x' } });
    await crds.delete(undefined, 'foos.hello.zeng.dev');
    expect(registry.resource('hello.zeng.dev', 'v1', 'foos')).toBeUndefined();
    expect((await registry.storage.list('/hello.zeng.dev/foos/')).items).toEqual([]);
  });

  it('stay Terminating while an object of theirs has finalizers, and go with its last object', async () => {
    const { registry, crds } = await cluster();
    const { object: crd } = await crds.create(undefined, fooCrd());
    expect(crd.metadata?.finalizers).toEqual(['customresourcecleanup.apiextensions.k8s.io']);
    const foos = registry.resource('hello.zeng.dev', 'v1', 'foos')!;
    await foos.create('default', { apiVersion: 'hello.zeng.dev/v1', kind: 'Foo', metadata: { name: 'kept', finalizers: ['example.com/hold'] } });
    await foos.create('default', { apiVersion: 'hello.zeng.dev/v1', kind: 'Foo', metadata: { name: 'plain' } });
    const { item, deleted } = await crds.delete(undefined, 'foos.hello.zeng.dev');
    expect(deleted).toBe(false);
    expect(item.object.status?.conditions).toContainEqual(expect.objectContaining({ type: 'Terminating', status: 'True', reason: 'InstanceDeletionInProgress' }));
    expect((await crds.get(undefined, 'foos.hello.zeng.dev')).object.metadata?.deletionTimestamp).toBeDefined();
    expect((await foos.get('default', 'kept')).object.metadata?.deletionTimestamp).toBeDefined();
    await expect(foos.get('default', 'plain')).rejects.toMatchObject({ status: { code: 404 } });
    await expect(foos.create('default', { apiVersion: 'hello.zeng.dev/v1', kind: 'Foo', metadata: { name: 'late' } })).rejects.toMatchObject({
      status: { code: 405, reason: 'MethodNotAllowed', message: 'create not allowed while custom resource definition is terminating' },
    });
    await foos.update('default', 'kept', (current) => ({ ...current, metadata: { ...current.metadata, finalizers: [] } }));
    await expect(crds.get(undefined, 'foos.hello.zeng.dev')).rejects.toMatchObject({ status: { code: 404 } });
    expect(registry.resource('hello.zeng.dev', 'v1', 'foos')).toBeUndefined();
  });

  it('follow an update of the versions served', async () => {
    const { registry, crds } = await cluster();
    await crds.create(undefined, fooCrd());
    const versions = [
      { name: 'v1', served: false, storage: false, schema: OPEN },
      { name: 'v2', served: true, storage: true, schema: OPEN },
    ];
    const updated = await crds.update(undefined, 'foos.hello.zeng.dev', (current) => ({ ...current, spec: { ...current.spec, versions } }));
    expect(registry.resource('hello.zeng.dev', 'v1', 'foos')).toBeUndefined();
    expect(registry.resource('hello.zeng.dev', 'v2', 'foos')).toBeDefined();
    expect(updated.object.status?.storedVersions).toEqual(['v1', 'v2']);
  });

  it('refuse definitions the real server refuses, with its messages', async () => {
    const { crds } = await cluster();
    await expect(crds.create(undefined, { ...fooCrd(), metadata: { name: 'foo.hello.zeng.dev' } })).rejects.toMatchObject({
      status: { code: 422, reason: 'Invalid', message: expect.stringContaining('metadata.name: Invalid value: "foo.hello.zeng.dev": must be spec.names.plural+"."+spec.group') },
    });
    const twoStorage = fooCrd({ versions: [{ name: 'v1', served: true, storage: true, schema: OPEN }, { name: 'v2', served: true, storage: true, schema: OPEN }] });
    await expect(crds.create(undefined, twoStorage)).rejects.toMatchObject({
      status: { message: expect.stringContaining('must have exactly one version marked as storage version') },
    });
    await expect(crds.create(undefined, { metadata: { name: 'foos.hello' }, spec: { ...fooCrd().spec, group: 'hello' } })).rejects.toMatchObject({
      status: { message: expect.stringContaining('spec.group: Invalid value: "hello": should be a domain with at least one dot') },
    });
  });

  it('leave a CRD whose names another CRD of the group holds unaccepted, unestablished and unserved', async () => {
    const { registry, crds } = await cluster();
    await crds.create(undefined, fooCrd());
    const rival = {
      metadata: { name: 'bars.hello.zeng.dev' },
      spec: { ...fooCrd().spec, names: { plural: 'bars', kind: 'Bar', shortNames: ['fo'] } },
    };
    const { object } = await crds.create(undefined, rival);
    expect(object.status).toMatchObject({
      acceptedNames: {},
      conditions: [
        { type: 'NamesAccepted', status: 'False', reason: 'ShortNamesConflict', message: '"fo" is already in use' },
        { type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' },
      ],
    });
    expect(registry.resource('hello.zeng.dev', 'v1', 'bars')).toBeUndefined();
    const kindClash = await crds.update(undefined, 'bars.hello.zeng.dev', (current) => ({ ...current, spec: { ...current.spec, names: { plural: 'bars', singular: 'bar', kind: 'Foo' } } }));
    expect(kindClash.object.status?.conditions?.[0]).toMatchObject({ status: 'False', reason: 'KindConflict', message: '"Foo" is already in use' });
    const fixed = await crds.update(undefined, 'bars.hello.zeng.dev', (current) => ({ ...current, spec: { ...current.spec, names: { plural: 'bars', kind: 'Bar' } } }));
    expect(fixed.object.status).toMatchObject({
      acceptedNames: { plural: 'bars', kind: 'Bar', singular: 'bar', listKind: 'BarList' },
      conditions: [
        { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts' },
        { type: 'Established', status: 'True' },
      ],
    });
    expect(registry.resource('hello.zeng.dev', 'v1', 'bars')).toBeDefined();
  });

  it('refuse versions without a structural schema, as apiextensions.k8s.io/v1 does', async () => {
    const { crds } = await cluster();
    const withSchema = (openAPIV3Schema?: unknown) => fooCrd({ versions: [{ name: 'v1', served: true, storage: true, ...(openAPIV3Schema !== undefined && { schema: { openAPIV3Schema } }) }] });
    const message = (error: unknown) => (error as { status: { code: number; message: string } }).status;
    expect(message(await crds.create(undefined, withSchema()).catch((error: unknown) => error))).toMatchObject({
      code: 422,
      message: 'CustomResourceDefinition.apiextensions.k8s.io "foos.hello.zeng.dev" is invalid: spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required',
    });
    const untyped = withSchema({ type: 'object', properties: { spec: { properties: { msg: {} } }, items: { type: 'array', items: {} }, port: { 'x-kubernetes-int-or-string': true } } });
    expect(message(await crds.create(undefined, untyped).catch((error: unknown) => error)).message).toBe(
      'CustomResourceDefinition.apiextensions.k8s.io "foos.hello.zeng.dev" is invalid: [' +
        'spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields, ' +
        'spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[msg].type: Required value: must not be empty for specified object fields, ' +
        'spec.versions[0].schema.openAPIV3Schema.properties[items].items.type: Required value: must not be empty for specified array items]',
    );
    expect(message(await crds.create(undefined, withSchema({ type: 'string' })).catch((error: unknown) => error)).message).toContain(
      'spec.versions[0].schema.openAPIV3Schema.type: Invalid value: "string": must be object at the root',
    );
  });
});

describe('CustomResourceDefinitions with CEL rules', () => {
  it('are refused with a 422 naming the unsupported feature, never accepted and ignored', async () => {
    const { crds } = await cluster();
    const rule = { 'x-kubernetes-validations': [{ rule: 'self.msg != ""' }] };
    const withRules = fooCrd({
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', ...rule } } } } }],
    });
    await expect(crds.create(undefined, withRules)).rejects.toMatchObject({
      status: {
        code: 422,
        message: expect.stringContaining(
          'spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations: Forbidden: CEL validation rules are not supported by this server (kubekit)',
        ),
      },
    });
  });
});

describe('custom resources with a status subresource', () => {
  it('keep status out of main-resource writes and take it through /status', async () => {
    const { registry, crds } = await cluster();
    await crds.create(undefined, fooCrd());
    const foos = registry.resource('hello.zeng.dev', 'v1', 'foos')!;
    const created = await foos.create('default', { apiVersion: 'hello.zeng.dev/v1', kind: 'Foo', metadata: { name: 'x' }, spec: { msg: 'a' }, status: { ready: true } } as never);
    expect(created.object).not.toHaveProperty('status');
    const withStatus = await foos.update('default', 'x', (current) => ({ ...current, status: { ready: true } }), { subresource: 'status' });
    expect(withStatus.object).toMatchObject({ status: { ready: true }, metadata: { generation: 1 } });
    const main = await foos.update('default', 'x', (current) => ({ ...current, spec: { msg: 'b' }, status: { ready: false } }));
    expect(main.object).toMatchObject({ spec: { msg: 'b' }, status: { ready: true }, metadata: { generation: 2 } });
  });
});

describe('server-side apply to custom resources', () => {
  it('merges as the structural schema says: structs, list-maps by key, atomic lists', async () => {
    const { registry, crds } = await cluster();
    const schema = {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          properties: {
            msg: { type: 'string' },
            ports: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: { type: 'object', properties: { name: { type: 'string' }, port: { type: 'integer' } } } },
            tags: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    };
    await crds.create(undefined, fooCrd({ versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }] }));
    const foos = registry.resource('hello.zeng.dev', 'v1', 'foos')!;
    const config = (ports: object[]) => ({ apiVersion: 'hello.zeng.dev/v1', kind: 'Foo', metadata: { name: 'x', namespace: 'default' }, spec: { msg: 'a', ports, tags: ['t'] } });
    await foos.apply('default', 'x', config([{ name: 'http', port: 80 }]), { fieldManager: 'alice' });
    const { object } = (await foos.apply('default', 'x', config([{ name: 'admin', port: 9000 }]), { fieldManager: 'bob' })).item;
    expect((object.spec as { ports: unknown }).ports).toEqual([
      { name: 'http', port: 80 },
      { name: 'admin', port: 9000 },
    ]);
    const entries = object.metadata?.managedFields as { manager: string; fieldsV1: unknown }[];
    expect(entries.find((entry) => entry.manager === 'bob')?.fieldsV1).toEqual({
      'f:spec': { 'f:msg': {}, 'f:ports': { 'k:{"name":"admin"}': { '.': {}, 'f:name': {}, 'f:port': {} } }, 'f:tags': {} },
    });
  });
});

describe('CustomResourceDefinitions with a pattern that is not a regular expression', () => {
  it('are refused with a 422 instead of failing every write later', async () => {
    const { crds } = await cluster();
    const bad = fooCrd({
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'string', pattern: '[' } } } } }],
    });
    await expect(crds.create(undefined, bad)).rejects.toMatchObject({
      status: { code: 422, message: expect.stringContaining('spec.versions[0].schema.openAPIV3Schema.properties[spec].pattern: Invalid value: "[": must be a valid regular expression') },
    });
  });
});

describe('custom resources read through their versions', () => {
  const schema = (properties: Record<string, unknown>) => ({
    openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties } } },
  });
  const twoVersions = (v1Properties: Record<string, unknown>) =>
    fooCrd({
      versions: [
        { name: 'v1', served: true, storage: true, schema: schema(v1Properties) },
        { name: 'v1beta1', served: true, storage: false, schema: schema({ msg: { type: 'string' } }) },
      ],
    });

  it('are served in the version asked for, whichever version wrote them (conversion: None)', async () => {
    const { registry, crds } = await cluster();
    await crds.create(undefined, twoVersions({ msg: { type: 'string' } }));
    const v1 = registry.resource('hello.zeng.dev', 'v1', 'foos')!;
    const beta = registry.resource('hello.zeng.dev', 'v1beta1', 'foos')!;
    const watch = await beta.watch({ namespace: 'default' });
    const created = await v1.create('default', { apiVersion: 'hello.zeng.dev/v1', kind: 'Foo', metadata: { name: 'x' }, spec: { msg: 'hi' } } as never);
    expect(created.object.apiVersion).toBe('hello.zeng.dev/v1');
    const read = await beta.get('default', 'x');
    expect(read.object).toMatchObject({ apiVersion: 'hello.zeng.dev/v1beta1', spec: { msg: 'hi' } });
    expect(JSON.parse(new TextDecoder().decode(read.bytes))).toEqual(read.object);
    expect((await beta.list({ namespace: 'default' })).items.map((item) => item.object.apiVersion)).toEqual(['hello.zeng.dev/v1beta1']);
    const [event] = (await watch.nextBatch())!;
    watch.stop();
    expect(event).toMatchObject({ type: 'ADDED', object: { apiVersion: 'hello.zeng.dev/v1beta1' } });
    const updated = await beta.update('default', 'x', (current) => ({ ...current, spec: { msg: 'there' } }));
    expect(updated.object).toMatchObject({ apiVersion: 'hello.zeng.dev/v1beta1', spec: { msg: 'there' } });
    expect((await v1.get('default', 'x')).object).toMatchObject({ apiVersion: 'hello.zeng.dev/v1', spec: { msg: 'there' } });
    const deleted = await beta.delete('default', 'x');
    expect(deleted.item.object.apiVersion).toBe('hello.zeng.dev/v1beta1');
  });

  it('get the defaults of their schema when read from storage', async () => {
    const { registry, crds } = await cluster();
    await crds.create(undefined, twoVersions({ msg: { type: 'string' } }));
    const foo = { apiVersion: 'hello.zeng.dev/v1', kind: 'Foo', metadata: { name: 'x' }, spec: { msg: 'hi' } };
    const created = await registry.resource('hello.zeng.dev', 'v1', 'foos')!.create('default', foo as never);
    await crds.update(undefined, 'foos.hello.zeng.dev', (current) => ({
      ...current,
      spec: { ...current.spec, versions: twoVersions({ msg: { type: 'string' }, replicas: { type: 'integer', default: 1 } }).spec.versions },
    }));
    const v1 = registry.resource('hello.zeng.dev', 'v1', 'foos')!;
    const read = await v1.get('default', 'x');
    expect(read.object).toMatchObject({ spec: { msg: 'hi', replicas: 1 } });
    expect(read.resourceVersion).toBe(created.resourceVersion);
    expect((await registry.storage.get('/hello.zeng.dev/foos/default/x')).object).not.toHaveProperty('spec.replicas');
    // The version without the default reads the object as it was written.
    expect((await registry.resource('hello.zeng.dev', 'v1beta1', 'foos')!.get('default', 'x')).object).toMatchObject({ spec: { msg: 'hi' } });
    expect((await registry.resource('hello.zeng.dev', 'v1beta1', 'foos')!.get('default', 'x')).object).not.toHaveProperty('spec.replicas');
  });
});

describe('CustomResourceDefinitions that could harm the server', () => {
  it('never take over or delete a built-in resource, whatever version they name', async () => {
    const { registry, crds } = await cluster();
    const ingresses = registry.resource('networking.k8s.io', 'v1', 'ingresses')!;
    await ingresses.create('default', { metadata: { name: 'web' }, spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } } } });
    const takeover = {
      metadata: { name: 'ingresses.networking.k8s.io' },
      spec: { group: 'networking.k8s.io', scope: 'Namespaced', names: { plural: 'ingresses', kind: 'Ingress' }, versions: [{ name: 'v9', served: true, storage: true, schema: OPEN }] },
    };
    await crds.create(undefined, takeover);
    expect(registry.resource('networking.k8s.io', 'v9', 'ingresses')).toBeUndefined();
    await crds.delete(undefined, 'ingresses.networking.k8s.io');
    // The built-in's objects neither hold the CRD back nor lose their creates.
    await expect(crds.get(undefined, 'ingresses.networking.k8s.io')).rejects.toMatchObject({ status: { code: 404 } });
    expect(registry.resource('networking.k8s.io', 'v1', 'ingresses')).toBe(ingresses);
    expect((await ingresses.list({ namespace: 'default' })).items).toHaveLength(1);
    await ingresses.create('default', { metadata: { name: 'api' }, spec: { defaultBackend: { service: { name: 'api', port: { number: 80 } } } } });
  });

  it('answer malformed definitions with 422, never 500', async () => {
    const { crds } = await cluster();
    const malformed = [
      { versions: 'abc' },
      { versions: [null] },
      { names: { plural: 'foos', kind: 5 } },
      { versions: [{ name: 'v1', served: true, storage: true, schema: OPEN, additionalPrinterColumns: [{ name: 'X', type: 'string' }] }] },
      { versions: [{ name: 'v1', served: true, storage: true, schema: OPEN, subresources: { scale: { specReplicasPath: 7, statusReplicasPath: '.status.replicas' } } }] },
    ];
    for (const overrides of malformed) {
      await expect(crds.create(undefined, fooCrd(overrides))).rejects.toMatchObject({ status: { code: 422, reason: 'Invalid' } });
    }
  });

  it('keep a defaulted __proto__ property away from Object.prototype', async () => {
    const { registry, crds } = await cluster();
    // JSON.parse makes an own "__proto__" key, as a request body would.
    const schema: unknown = JSON.parse(
      '{"type":"object","properties":{"spec":{"type":"object","properties":{"__proto__":{"type":"object","properties":{"polluted":{"type":"string","default":"yes"}}}}}}}',
    );
    await crds.create(undefined, fooCrd({ versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }] }));
    const foos = registry.resource('hello.zeng.dev', 'v1', 'foos')!;
    foos.definition.decoder!.decode({ apiVersion: 'hello.zeng.dev/v1', kind: 'Foo', metadata: { name: 'x' }, spec: {} });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuse a change of scope', async () => {
    const { crds } = await cluster();
    await crds.create(undefined, fooCrd());
    await expect(crds.update(undefined, 'foos.hello.zeng.dev', (current) => ({ ...current, spec: { ...current.spec, scope: 'Cluster' } }))).rejects.toMatchObject({
      status: { code: 422, message: expect.stringContaining('spec.scope: Invalid value: "Cluster": field is immutable') },
    });
  });
});
