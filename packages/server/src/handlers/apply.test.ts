import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Registry } from '@kubekit/registry';
import { type KubeServer, createServer } from '../server.js';
import { json, requester } from '../test-client.test-util.js';

const CM = '/api/v1/namespaces/default/configmaps';
const DEPLOYMENTS = '/apis/apps/v1/namespaces/default/deployments';

type Managed = { manager: string; operation: string; apiVersion: string; time?: string; fieldsType: string; fieldsV1: unknown; subresource?: string };
type Obj = { metadata: { managedFields?: Managed[]; resourceVersion: string; labels?: Record<string, string> }; data?: Record<string, string>; spec?: Record<string, unknown>; status?: Record<string, unknown> };

let server: KubeServer;
let request: ReturnType<typeof requester>;

beforeEach(async () => {
  server = await createServer();
  request = requester(server.handle);
});
afterEach(() => server.close());

const configMap = (data: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cm', ...extra },
  data,
});

function apply(url: string, body: unknown, query: string, headers: Record<string, string> = {}) {
  return request(`${url}?${query}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/apply-patch+yaml', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const ownersOf = (object: Obj) => object.metadata.managedFields?.map((entry) => [entry.manager, entry.operation, entry.fieldsV1]);

describe('server-side apply over HTTP', () => {
  it('reads a JSON body as JSON and anything else, YAML flow mappings and repeated keys included, as YAML', async () => {
    expect((await apply(`${CM}/cm`, ' {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm"},"data":{"a":"1"}}', 'fieldManager=alice')).status).toBe(201);
    const flow = await apply(`${CM}/cm`, '{apiVersion: v1, kind: ConfigMap, metadata: {name: cm}, data: {a: "2"}}', 'fieldManager=alice');
    expect(json<Obj>(flow).data).toEqual({ a: '2' });
    const twice = await apply(`${CM}/cm`, '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm"},"data":{"a":"3","a":"4"}}', 'fieldManager=alice');
    expect(twice.status).toBe(400);
    expect(json<{ message: string }>(twice).message).toMatch(/^error decoding YAML: Map keys must be unique/);
  });

  it('creates with 201, then updates with 200; YAML bodies too', async () => {
    const created = await apply(`${CM}/cm`, configMap({ a: '1' }), 'fieldManager=alice');
    expect(created.status).toBe(201);
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: "2"\n';
    const updated = await apply(`${CM}/cm`, yaml, 'fieldManager=alice');
    expect(updated.status).toBe(200);
    const object = json<Obj>(updated);
    expect(object.data).toEqual({ a: '2' });
    expect(object.metadata.managedFields).toEqual([
      { manager: 'alice', operation: 'Apply', apiVersion: 'v1', time: expect.any(String), fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:a': {} } } },
    ]);
  });

  it('re-applying the same configuration writes nothing', async () => {
    const first = json<Obj>(await apply(`${CM}/cm`, configMap({ a: '1' }), 'fieldManager=alice'));
    const again = json<Obj>(await apply(`${CM}/cm`, configMap({ a: '1' }), 'fieldManager=alice'));
    expect(again.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
  });

  it('requires a fieldManager and refuses force on other patch types, as 422 on PatchOptions', async () => {
    expect(json(await apply(`${CM}/cm`, configMap({}), ''))).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      reason: 'Invalid',
      details: { group: 'meta.k8s.io', kind: 'PatchOptions', causes: [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }] },
      code: 422,
    });
    const merge = await request(`${CM}/cm?force=true`, { method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, body: {} });
    expect(json(merge)).toMatchObject({ code: 422, message: 'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch' });
  });

  it('answers a conflict with 409 and FieldManagerConflict causes; force takes the field', async () => {
    await apply(`${CM}/cm`, configMap({ k: 'a' }), 'fieldManager=alice');
    const conflict = await apply(`${CM}/cm`, configMap({ k: 'b' }), 'fieldManager=bob&force=false');
    expect(json(conflict)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 1 conflict: conflict with "alice": .data.k',
      reason: 'Conflict',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "alice"', field: '.data.k' }] },
      code: 409,
    });
    const forced = json<Obj>(await apply(`${CM}/cm`, configMap({ k: 'b' }), 'fieldManager=bob&force=true'));
    expect(forced.data).toEqual({ k: 'b' });
    expect(ownersOf(forced)).toEqual([['bob', 'Apply', { 'f:data': { 'f:k': {} } }]]);
  });

  it('records Update entries for creates, updates and patches, named by fieldManager or User-Agent', async () => {
    await request(`${CM}?fieldManager=kubectl-create`, { method: 'POST', body: configMap({ a: '1' }) });
    const labelled = await request(`${CM}/cm`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json', 'user-agent': 'kubectl-label/v1.35.2 (linux/amd64) kubernetes/fdc9d74' },
      body: { metadata: { labels: { env: 'prod' } } },
    });
    expect(ownersOf(json<Obj>(labelled))).toEqual([
      ['kubectl-create', 'Update', { 'f:data': { '.': {}, 'f:a': {} } }],
      ['kubectl-label', 'Update', { 'f:metadata': { 'f:labels': { '.': {}, 'f:env': {} } } }],
    ]);
    const conflict = json(await apply(`${CM}/cm`, configMap({ a: '2' }), 'fieldManager=alice'));
    expect(conflict).toMatchObject({ code: 409, message: 'Apply failed with 1 conflict: conflict with "kubectl-create" using v1: .data.a' });
  });

  it('keeps the stored entries when a client sends none, takes sent ones, and resets on [{}]', async () => {
    await apply(`${CM}/cm`, configMap({ a: '1' }), 'fieldManager=alice');
    const current = json<Obj>(await request(`${CM}/cm`));
    const { managedFields: _dropped, ...withoutFields } = current.metadata;
    const put = json<Obj>(await request(`${CM}/cm?fieldManager=editor`, { method: 'PUT', body: { ...current, metadata: withoutFields, data: { a: '1', b: '2' } } }));
    expect(ownersOf(put)?.map(([manager]) => manager)).toEqual(['alice', 'editor']);
    const reset = json<Obj>(
      await request(`${CM}/cm?fieldManager=editor`, { method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, body: { metadata: { managedFields: [{}] } } }),
    );
    expect(reset.metadata.managedFields).toBeUndefined();
  });

  it('applies to /status, owning only status', async () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    };
    await apply(`${DEPLOYMENTS}/web`, deployment, 'fieldManager=alice');
    const status = await apply(`${DEPLOYMENTS}/web/status`, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, status: { replicas: 3 } }, 'fieldManager=kubelet-sim');
    expect(status.status).toBe(200);
    const object = json<Obj>(status);
    expect(object.status).toMatchObject({ replicas: 3 });
    expect(object.metadata.managedFields?.find((entry) => entry.manager === 'kubelet-sim')).toMatchObject({
      operation: 'Apply',
      subresource: 'status',
      fieldsV1: { 'f:status': { 'f:replicas': {} } },
    });
    const missing = await apply(`${DEPLOYMENTS}/nope/status`, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nope' }, status: {} }, 'fieldManager=x');
    expect(missing.status).toBe(404);
  });

  it('applies to /scale, conflicting with the owner of the replicas', async () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    };
    await apply(`${DEPLOYMENTS}/web`, deployment, 'fieldManager=alice');
    const scale = { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web' }, spec: { replicas: 5 } };
    expect(json(await apply(`${DEPLOYMENTS}/web/scale`, scale, 'fieldManager=hpa'))).toMatchObject({ code: 409 });
    const scaled = json<{ spec: { replicas: number } }>(await apply(`${DEPLOYMENTS}/web/scale`, scale, 'fieldManager=hpa&force=true'));
    expect(scaled.spec.replicas).toBe(5);
  });

  it('refuses a wrong kind, managedFields in the configuration and fields the schema does not declare', async () => {
    expect(json(await apply(`${CM}/cm`, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cm' } }, 'fieldManager=a'))).toMatchObject({
      code: 400,
      message: 'invalid object type: /v1, Kind=Secret',
    });
    expect(json(await apply(`${CM}/cm`, configMap({}, { managedFields: [] }), 'fieldManager=a'))).toMatchObject({ code: 400, message: 'metadata.managedFields must be nil' });
    expect(json(await apply(`${CM}/cm`, { ...configMap({}, { namespace: 'default' }), spec: { x: 1 } }, 'fieldManager=a'))).toMatchObject({
      code: 400,
      message: 'failed to create typed patch object (default/cm; /v1, Kind=ConfigMap): .spec: field not declared in schema',
    });
  });

  it('applies a configuration without metadata, or with metadata: null, keeping the stored metadata', async () => {
    await apply(`${CM}/cm`, configMap({ a: '1' }, { labels: { keep: 'me' } }), 'fieldManager=alice');
    const bare = await apply(`${CM}/cm`, { apiVersion: 'v1', kind: 'ConfigMap', data: { a: '1', b: '2' } }, 'fieldManager=bob');
    expect(bare.status).toBe(200);
    const withNull = json<Obj>(await apply(`${CM}/cm`, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\ndata:\n  c: "3"\n', 'fieldManager=carol'));
    expect(withNull.metadata.labels).toEqual({ keep: 'me' });
    expect(withNull.data).toEqual({ a: '1', b: '2', c: '3' });
  });

  it('refuses metadata that is not an object with 400, also for kinds without a schema', async () => {
    expect(json(await apply(`${CM}/cm`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: 'x' }, 'fieldManager=a'))).toMatchObject({ code: 400 });
    const registry = new Registry();
    registry.register({ group: 'example.com', version: 'v1', kind: 'Widget', resource: 'widgets', singular: 'widget', namespaced: true });
    const custom = await createServer({ registry });
    const response = await requester(custom.handle)('/apis/example.com/v1/namespaces/default/widgets/w?fieldManager=a', {
      method: 'PATCH',
      headers: { 'content-type': 'application/apply-patch+yaml' },
      body: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: 5 },
    });
    expect(response.status).toBe(400);
    await custom.close();
  });

  it('answers an unsupported patch type with 415 before it looks at force', async () => {
    const response = await request(`${CM}/cm?force=true`, { method: 'PATCH', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(response.status).toBe(415);
  });

  it('dry-runs without writing', async () => {
    const response = await apply(`${CM}/cm`, configMap({ a: '1' }), 'fieldManager=a&dryRun=All');
    expect(response.status).toBe(201);
    expect((await request(`${CM}/cm`)).status).toBe(404);
  });

  it('applies to kinds without a schema', async () => {
    const registry = new Registry();
    registry.register({ group: 'example.com', version: 'v1', kind: 'Widget', resource: 'widgets', singular: 'widget', namespaced: true });
    const custom = await createServer({ registry });
    const customRequest = requester(custom.handle);
    const url = '/apis/example.com/v1/namespaces/default/widgets/w';
    const body = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1, tags: ['a'] } };
    const response = await customRequest(`${url}?fieldManager=alice`, { method: 'PATCH', headers: { 'content-type': 'application/apply-patch+yaml' }, body });
    expect(response.status).toBe(201);
    expect(ownersOf(json<Obj>(response))).toEqual([['alice', 'Apply', { 'f:spec': { '.': {}, 'f:size': {}, 'f:tags': {} } }]]);
    await custom.close();
  });
});

describe('server-side apply through the in-process client', () => {
  it('leaves the configuration it was given as it was, so it can be applied again', async () => {
    const configMaps = server.client.resource('v1', 'configmaps');
    const config = Object.freeze({ apiVersion: 'v1', kind: 'ConfigMap', metadata: Object.freeze({ name: 'frozen' }), data: Object.freeze({ a: '1' }) });
    await configMaps.apply(config, { namespace: 'default', fieldManager: 'alice' });
    await configMaps.apply(config, { namespace: 'default', fieldManager: 'alice' });
    expect(config.metadata).toEqual({ name: 'frozen' });
  });

  it('applies, records managed fields and reports conflicts as HTTP does', async () => {
    const configMaps = server.client.resource('v1', 'configmaps');
    const created = await configMaps.apply(configMap({ k: 'a' }), { namespace: 'default', fieldManager: 'alice' });
    expect((created as Obj).metadata.managedFields?.[0]).toMatchObject({ manager: 'alice', operation: 'Apply' });
    await expect(configMaps.apply(configMap({ k: 'b' }), { namespace: 'default', fieldManager: 'bob' })).rejects.toMatchObject({
      status: { code: 409, message: 'Apply failed with 1 conflict: conflict with "alice": .data.k' },
    });
    const updated = await configMaps.modify('cm', (object) => void ((object as Obj).data = { k: 'a', extra: 'x' }), { namespace: 'default' });
    expect(ownersOf(updated as Obj)?.map(([manager, operation]) => [manager, operation])).toEqual([
      ['alice', 'Apply'],
      ['kubekit', 'Update'],
    ]);
  });
});
