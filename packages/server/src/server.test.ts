import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Registry } from '@kubekit/registry';
import { MemoryStorage } from '@kubekit/store';
import { decodeKubernetesProtobuf, encodeKubernetesProtobuf } from '@kubekit/types/protobuf';
import { type KubeServer, createServer } from './server.js';
import { chunks, json, requester } from './test-client.test-util.js';

let server: KubeServer;
let request: ReturnType<typeof requester>;

const CM = '/api/v1/namespaces/default/configmaps';
const configMap = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...extra },
  data: { k: 'v' },
});

beforeEach(async () => {
  server = await createServer();
  request = requester(server.handle);
});

afterEach(async () => {
  await server.close();
});

describe('create, get, update, delete', () => {
  it('sets the system fields and answers 201', async () => {
    const response = await request(CM, { method: 'POST', body: configMap('a') });
    expect(response.status).toBe(201);
    const created = json<{ metadata: Record<string, unknown> }>(response);
    expect(Object.keys(created)).toEqual(['kind', 'apiVersion', 'metadata', 'data']);
    expect(created.metadata).toMatchObject({ name: 'a', namespace: 'default', resourceVersion: expect.stringMatching(/^\d+$/) });
    expect(created.metadata['uid']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('generates names from generateName', async () => {
    const created = json<{ metadata: { name: string } }>(
      await request(CM, { method: 'POST', body: { metadata: { generateName: 'gen-' } } }),
    );
    expect(created.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
  });

  it('answers a stale update with 409 Conflict (an identical one is a no-op that keeps the resourceVersion)', async () => {
    const created = json<{ metadata: { resourceVersion: string } }>(await request(CM, { method: 'POST', body: configMap('a') }));
    const update = (resourceVersion: string, value: string) =>
      request(`${CM}/a`, { method: 'PUT', body: { ...configMap('a', { resourceVersion }), data: { k: value } } });
    expect((await update(created.metadata.resourceVersion, 'v2')).status).toBe(200);
    const stale = await update(created.metadata.resourceVersion, 'v3');
    expect(json(stale)).toMatchObject({ code: 409, reason: 'Conflict' });
  });

  it('runs a dry run without writing', async () => {
    const response = await request(`${CM}?dryRun=All`, { method: 'POST', body: configMap('ghost') });
    expect(response.status).toBe(201);
    expect((await request(`${CM}/ghost`)).status).toBe(404);
  });

  it('answers DELETE of a configmap with a success Status naming it', async () => {
    await request(CM, { method: 'POST', body: configMap('a') });
    const deleted = json(await request(`${CM}/a`, { method: 'DELETE' }));
    expect(deleted).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'a', kind: 'configmaps' } });
  });

  it('keeps an object with finalizers until the last one goes', async () => {
    await request(CM, { method: 'POST', body: configMap('held', { finalizers: ['example.com/hold'] }) });
    const marked = json<{ metadata: { deletionTimestamp?: string } }>(await request(`${CM}/held`, { method: 'DELETE' }));
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    const live = json<{ metadata: Record<string, unknown> }>(await request(`${CM}/held`));
    live.metadata['finalizers'] = [];
    expect((await request(`${CM}/held`, { method: 'PUT', body: live })).status).toBe(200);
    expect((await request(`${CM}/held`)).status).toBe(404);
  });

  it('refuses a body over 3 MiB with 413', async () => {
    const big = configMap('big');
    big.data = { k: 'x'.repeat(3 * 1024 * 1024) };
    expect(json(await request(CM, { method: 'POST', body: big }))).toMatchObject({ code: 413, reason: 'RequestEntityTooLarge' });
  });

  it('refuses an unknown body format with 415', async () => {
    const response = await request(CM, { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } });
    expect(json(response)).toMatchObject({ code: 415, reason: 'UnsupportedMediaType' });
  });

  it('reads YAML bodies and writes YAML answers', async () => {
    const response = await request(CM, {
      method: 'POST',
      body: 'metadata:\n  name: y\ndata:\n  k: v\n',
      headers: { 'content-type': 'application/yaml', accept: 'application/yaml' },
    });
    expect(response.headers['content-type']).toBe('application/yaml');
    expect(String(response.body)).toMatch(/^kind: ConfigMap\napiVersion: v1\nmetadata:\n {2}name: y\n/);
  });
});

describe('patch', () => {
  const patch = (url: string, type: string, body: unknown, query = '') =>
    request(`${url}${query}`, { method: 'PATCH', body, headers: { 'content-type': `application/${type}` } });

  it('applies each patch type, and a patch that changes nothing writes nothing', async () => {
    const created = json<{ metadata: { resourceVersion: string } }>(await request(CM, { method: 'POST', body: configMap('a') }));
    expect(json(await patch(`${CM}/a`, 'merge-patch+json', { data: { k: 'v2' } }))).toMatchObject({ data: { k: 'v2' } });
    expect(json(await patch(`${CM}/a`, 'json-patch+json', [{ op: 'add', path: '/data/n', value: '1' }]))).toMatchObject({ data: { k: 'v2', n: '1' } });
    const strategic = json<{ metadata: { resourceVersion: string } }>(await patch(`${CM}/a`, 'strategic-merge-patch+json', { data: { n: null } }));
    expect(strategic).toMatchObject({ data: { k: 'v2' } });
    const again = json<{ metadata: { resourceVersion: string } }>(await patch(`${CM}/a`, 'merge-patch+json', { data: { k: 'v2' } }));
    expect(again.metadata.resourceVersion).toBe(strategic.metadata.resourceVersion);
    expect(Number(strategic.metadata.resourceVersion)).toBeGreaterThan(Number(created.metadata.resourceVersion));
  });

  it('refuses an unknown patch type with 415, naming the accepted ones', async () => {
    await request(CM, { method: 'POST', body: configMap('a') });
    expect(json(await patch(`${CM}/a`, 'json', { data: {} }))).toMatchObject({
      code: 415,
      message:
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
    });
  });

  it('answers strategic merge patch of a custom kind with 415, so clients fall back to merge patch', async () => {
    const registry = new Registry();
    registry.register({ group: 'example.com', version: 'v1', kind: 'Widget', resource: 'widgets', singular: 'widget', namespaced: true });
    const custom = await createServer({ registry });
    const customRequest = requester(custom.handle);
    const url = '/apis/example.com/v1/namespaces/default/widgets';
    await customRequest(url, { method: 'POST', body: { metadata: { name: 'w' }, spec: { size: 1 } } });
    const refused = await customRequest(`${url}/w`, {
      method: 'PATCH',
      body: { spec: { size: 2 } },
      headers: { 'content-type': 'application/strategic-merge-patch+json' },
    });
    expect(json(refused)).toMatchObject({ code: 415, reason: 'UnsupportedMediaType' });
    const merged = await customRequest(`${url}/w`, {
      method: 'PATCH',
      body: { spec: { size: 2 } },
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(json(merged)).toMatchObject({ spec: { size: 2 } });
    await custom.close();
  });

  it('runs a dry-run patch without writing, and checks unknown fields strictly when asked', async () => {
    await request(CM, { method: 'POST', body: configMap('a') });
    expect(json(await patch(`${CM}/a`, 'merge-patch+json', { data: { k: 'dry' } }, '?dryRun=All'))).toMatchObject({ data: { k: 'dry' } });
    expect(json(await request(`${CM}/a`))).toMatchObject({ data: { k: 'v' } });
    expect(json(await patch(`${CM}/a`, 'merge-patch+json', { dta: {} }, '?fieldValidation=Strict'))).toMatchObject({
      code: 400,
      message: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "dta"',
    });
  });

  it('reports duplicate fields of the patch as fieldValidation asks', async () => {
    await request(CM, { method: 'POST', body: configMap('a') });
    const strict = await patch(`${CM}/a`, 'merge-patch+json', '{"data":{"k":"1","k":"2"}}', '?fieldValidation=Strict');
    expect(json(strict)).toMatchObject({ code: 400, message: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: duplicate field "data.k"' });
    const warned = await patch(`${CM}/a`, 'merge-patch+json', '{"data":{"k":"1","k":"2"}}');
    expect(warned.headers['warning']).toBe('299 - "duplicate field \\"data.k\\""');
    expect(json(warned)).toMatchObject({ data: { k: '2' } });
  });

  it('answers 404 for a missing object', async () => {
    expect(json(await patch(`${CM}/nope`, 'merge-patch+json', {}))).toMatchObject({ code: 404, message: 'configmaps "nope" not found' });
  });
});

describe('the scale subresource', () => {
  const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';
  const web = {
    metadata: { name: 'web' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
    },
  };

  it('reads replicas and the selector as an autoscaling/v1 Scale', async () => {
    await request(DEPLOY, { method: 'POST', body: web });
    expect(json(await request(`${DEPLOY}/web/scale`))).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 2 },
      status: { replicas: 0, selector: 'app=web' },
    });
  });

  it('takes a PUT without Content-Type, with the resourceVersion as a precondition', async () => {
    await request(DEPLOY, { method: 'POST', body: web });
    const scale = json<{ metadata: { resourceVersion: string }; spec: { replicas: number } }>(await request(`${DEPLOY}/web/scale`));
    scale.spec.replicas = 5;
    const updated = await request(`${DEPLOY}/web/scale`, { method: 'PUT', body: scale });
    expect(json(updated)).toMatchObject({ kind: 'Scale', spec: { replicas: 5 } });
    expect(json<{ spec: { replicas: number } }>(await request(`${DEPLOY}/web`)).spec.replicas).toBe(5);
    const stale = await request(`${DEPLOY}/web/scale`, { method: 'PUT', body: scale });
    expect(json(stale)).toMatchObject({ code: 409, reason: 'Conflict' });
  });

  it('refuses negative replicas with the real message', async () => {
    await request(DEPLOY, { method: 'POST', body: web });
    const response = await request(`${DEPLOY}/web/scale`, { method: 'PUT', body: { spec: { replicas: -1 } } });
    expect(json(response)).toMatchObject({
      code: 422,
      message: 'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    });
  });

  it('takes a merge patch of the Scale', async () => {
    await request(DEPLOY, { method: 'POST', body: web });
    const response = await request(`${DEPLOY}/web/scale`, {
      method: 'PATCH',
      body: { spec: { replicas: 4 } },
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(json(response)).toMatchObject({ kind: 'Scale', spec: { replicas: 4 } });
    expect(json<{ spec: { replicas: number } }>(await request(`${DEPLOY}/web`)).spec.replicas).toBe(4);
  });

  it('is listed in discovery as autoscaling/v1 Scale', async () => {
    const apps = json<{ resources: { name: string; group?: string; version?: string; kind: string }[] }>(await request('/apis/apps/v1'));
    expect(apps.resources.find((resource) => resource.name === 'deployments/scale')).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
  });
});

describe('protobuf', () => {
  const PROTOBUF = 'application/vnd.kubernetes.protobuf';

  it('creates from a protobuf body and answers a protobuf-only client in protobuf', async () => {
    const body = encodeKubernetesProtobuf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'pb' }, data: { k: 'v' } });
    const created = await server.handle({
      method: 'POST',
      url: CM,
      header: (name) => ({ 'content-type': PROTOBUF, accept: PROTOBUF })[name],
      body: (async function* () {
        yield body;
      })(),
      signal: new AbortController().signal,
    });
    expect(created.status).toBe(201);
    expect(created.headers['content-type']).toBe(PROTOBUF);
    const decoded = decodeKubernetesProtobuf(created.body as Uint8Array);
    expect(decoded).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', object: { metadata: { name: 'pb', namespace: 'default' }, data: { k: 'v' } } });
    const list = await request(CM, { headers: { accept: PROTOBUF } });
    expect(decodeKubernetesProtobuf(list.body as Uint8Array)).toMatchObject({ kind: 'ConfigMapList' });
    const missing = await request(`${CM}/nope`, { headers: { accept: PROTOBUF } });
    expect(decodeKubernetesProtobuf(missing.body as Uint8Array)).toMatchObject({ kind: 'Status', object: { code: 404, reason: 'NotFound' } });
  });

  it('answers a protobuf-first client that also takes JSON with JSON', async () => {
    const response = await request(CM, { headers: { accept: `${PROTOBUF},application/json` } });
    expect(response.headers['content-type']).toBe('application/json');
  });

  it('refuses a body that is not the Kubernetes envelope with 400', async () => {
    const response = await request(CM, { method: 'POST', body: 'not protobuf', headers: { 'content-type': PROTOBUF } });
    expect(json(response)).toMatchObject({ code: 400, reason: 'BadRequest' });
  });
});

describe('reviews, eviction and tokens', () => {
  it('answers access and identity reviews from the authorizer and the configured user, storing nothing', async () => {
    const review = await request('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      method: 'POST',
      body: { spec: { resourceAttributes: { namespace: 'default', verb: 'create', resource: 'pods' } } },
    });
    expect(review.status).toBe(201);
    expect(json(review)).toMatchObject({ kind: 'SelfSubjectAccessReview', status: { allowed: true } });
    const rules = json(await request('/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', { method: 'POST', body: { spec: { namespace: 'default' } } }));
    expect(rules).toMatchObject({ status: { resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], incomplete: false } });
    const whoami = json(await request('/apis/authentication.k8s.io/v1/selfsubjectreviews', { method: 'POST', body: {} }));
    expect(whoami).toMatchObject({ status: { userInfo: { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] } } });
    const invalid = await request('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { method: 'POST', body: { spec: {} } });
    expect(json(invalid)).toMatchObject({ code: 422, reason: 'Invalid' });
    expect(json(await request('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews'))).toMatchObject({ code: 405 });
  });

  const POD = '/api/v1/namespaces/default/pods';
  const pod = (name: string) => ({ metadata: { name, labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  const eviction = (name: string) => ({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' }, deleteOptions: {} });

  it('evicts a pod with 201 and a success Status', async () => {
    await request(POD, { method: 'POST', body: pod('web-1') });
    const response = await request(`${POD}/web-1/eviction`, { method: 'POST', body: eviction('web-1') });
    expect(response.status).toBe(201);
    expect(json(response)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    expect((await request(`${POD}/web-1`)).status).toBe(404);
  });

  it('refuses to evict a running pod its disruption budget protects, with 429', async () => {
    await request(POD, { method: 'POST', body: pod('web-2') });
    const running = json<{ status: Record<string, unknown> }>(await request(`${POD}/web-2`));
    running.status = { ...running.status, phase: 'Running' };
    await request(`${POD}/web-2/status`, { method: 'PUT', body: running });
    await request('/apis/policy/v1/namespaces/default/poddisruptionbudgets', {
      method: 'POST',
      body: { metadata: { name: 'web' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } },
    });
    const response = await request(`${POD}/web-2/eviction`, { method: 'POST', body: eviction('web-2') });
    expect(json(response)).toMatchObject({
      code: 429,
      reason: 'TooManyRequests',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      details: { causes: [{ reason: 'DisruptionBudget' }] },
    });
    expect((await request(`${POD}/web-2`)).status).toBe(200);
  });

  it("issues a signed token for a namespace's default service account", async () => {
    const response = await request('/api/v1/namespaces/default/serviceaccounts/default/token', {
      method: 'POST',
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} },
    });
    expect(response.status).toBe(201);
    const tokenRequest = json<{ status: { token: string; expirationTimestamp: string } }>(response);
    const [header, claims, signature] = tokenRequest.status.token.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toMatchObject({ alg: 'ES256' });
    expect(JSON.parse(Buffer.from(claims!, 'base64url').toString())).toMatchObject({
      sub: 'system:serviceaccount:default:default',
      iss: 'https://kubernetes.default.svc.cluster.local',
    });
    expect(signature).toMatch(/^[\w-]{86}$/);
    expect(json(await request('/api/v1/namespaces/default/serviceaccounts/nope/token', { method: 'POST', body: {} }))).toMatchObject({ code: 404 });
  });
});

describe('warnings', () => {
  it('answers every request to a deprecated resource with its warning', async () => {
    const response = await request('/api/v1/namespaces/default/endpoints');
    expect(response.headers['warning']).toBe('299 - "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice"');
  });

  it('refuses duplicate fields of a created object under Strict', async () => {
    const response = await request(`${CM}?fieldValidation=Strict`, { method: 'POST', body: '{"metadata":{"name":"d","name":"e"}}' });
    expect(json(response)).toMatchObject({
      code: 400,
      message: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: duplicate field "metadata.name"',
    });
  });

  it('warns of unknown fields under fieldValidation=Warn, the default', async () => {
    const response = await request(CM, { method: 'POST', body: { ...configMap('typo'), dta: {} } });
    expect(response.status).toBe(201);
    expect(response.headers['warning']).toBe('299 - "unknown field \\"dta\\""');
  });
});

describe('paths', () => {
  it('answers unknown paths and resources with 404 Status', async () => {
    for (const path of ['/nope', '/api/v1/widgets', '/apis/example.com/v1/things']) {
      expect(json(await request(path))).toMatchObject({ code: 404, reason: 'NotFound', message: 'the server could not find the requested resource' });
    }
  });

  it('serves version and health', async () => {
    expect(json(await request('/version'))).toMatchObject({ major: '1', minor: '35', gitVersion: 'v1.35.0' });
    for (const path of ['/healthz', '/livez', '/readyz', '/readyz/etcd', '/livez/ping']) expect((await request(path)).body).toBe('ok');
    expect((await request('/readyz/nope')).status).toBe(404);
  });

  it("reports a storage that cannot serve as the real server's failing etcd check", async () => {
    const storage = new MemoryStorage();
    const down = await createServer({ storage: Object.assign(storage, { checkHealth: () => Promise.reject(new Error('error reaching etcd: connection refused')) }) });
    const ask = requester((request) => down.handle(request));
    const ready = await ask('/readyz');
    expect(ready.status).toBe(500);
    expect(ready.body).toBe(
      '[+]ping ok\n[+]log ok\n[-]etcd failed: reason withheld\n[-]etcd-readiness failed: reason withheld\n' +
        '[+]poststarthook/start-apiserver-admission-initializer ok\nreadyz check failed\n',
    );
    expect((await ask('/livez')).body).toMatch(/\[-\]etcd failed: reason withheld\n.*\nlivez check failed\n$/);
    expect(await ask('/livez/etcd')).toMatchObject({ status: 500, body: 'internal server error: error reaching etcd: connection refused\n' });
    await down.close();
  });
});

describe('lists', () => {
  beforeEach(async () => {
    for (const name of ['a', 'b', 'c']) await request(CM, { method: 'POST', body: configMap(name, { labels: { n: name } }) });
  });

  it('pages with limit and continue over one snapshot', async () => {
    const first = json<{ items: unknown[]; metadata: { continue: string; resourceVersion: string } }>(await request(`${CM}?limit=2`));
    expect(first.items).toHaveLength(2);
    await request(CM, { method: 'POST', body: configMap('b2') });
    const rest = json<{ items: { metadata: { name: string } }[]; metadata: Record<string, unknown> }>(
      await request(`${CM}?limit=2&continue=${encodeURIComponent(first.metadata.continue)}`),
    );
    expect(rest.items.map((item) => item.metadata.name)).toEqual(['c']);
    expect(rest.metadata['resourceVersion']).toBe(first.metadata.resourceVersion);
  });

  it('answers as a Table or as PartialObjectMetadataList', async () => {
    const table = await request(`${CM}?labelSelector=n%20in%20(a,b)`, {
      headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' },
    });
    expect(table.headers['content-type']).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
    const body = json<{ kind: string; rows: { cells: unknown[]; object: { kind: string } }[] }>(table);
    expect(body.kind).toBe('Table');
    expect(body.rows.map((row) => row.cells[0])).toEqual(['a', 'b']);
    expect(body.rows[0]!.object.kind).toBe('PartialObjectMetadata');
    const partial = json<{ kind: string; items: { metadata: { name: string } }[] }>(
      await request(CM, { headers: { accept: 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io' } }),
    );
    expect(partial.kind).toBe('PartialObjectMetadataList');
    expect(partial.items.map((item) => item.metadata.name)).toEqual(['a', 'b', 'c']);
  });

  it('validates list options as the real server does', async () => {
    const response = await request(`${CM}?resourceVersionMatch=Exact`);
    expect(json(response)).toMatchObject({
      code: 422,
      message: 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
    });
  });
});

describe('watch', () => {
  it('streams synthetic ADDED events, then the initial-events-end bookmark, then changes (watch-list)', async () => {
    await request(CM, { method: 'POST', body: configMap('a') });
    const response = await request(`${CM}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`);
    expect(response.headers['content-type']).toBe('application/json');
    const stream = chunks(response);
    const lines: { type: string; object: { metadata: Record<string, unknown> } }[] = [];
    while (lines.length < 2) {
      const { value } = await stream.next();
      for (const line of String(value).trim().split('\n')) lines.push(JSON.parse(line));
    }
    expect(lines[0]).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'a' } } });
    expect(lines[1]).toMatchObject({
      type: 'BOOKMARK',
      object: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } } },
    });
    await request(`${CM}/a`, { method: 'DELETE' });
    const { value } = await stream.next();
    expect(JSON.parse(String(value))).toMatchObject({ type: 'DELETED', object: { metadata: { name: 'a' } } });
    await stream.return(undefined);
  });

  it('replays from a resourceVersion as Table rows, with columns only on the first event', async () => {
    const created = json<{ metadata: { resourceVersion: string } }>(await request(CM, { method: 'POST', body: configMap('a') }));
    await request(CM, { method: 'POST', body: configMap('b') });
    await request(CM, { method: 'POST', body: configMap('c') });
    const response = await request(`${CM}?watch=true&resourceVersion=${created.metadata.resourceVersion}`, {
      headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
    });
    const text = String((await chunks(response).next()).value);
    const events = text.trim().split('\n').map((line) => JSON.parse(line) as { object: { columnDefinitions: unknown; rows: { cells: unknown[] }[] } });
    expect(events.map((event) => event.object.rows[0]!.cells[0])).toEqual(['b', 'c']);
    expect(events[0]!.object.columnDefinitions).not.toBeNull();
    expect(events[1]!.object.columnDefinitions).toBeNull();
  });

  it('frames events as Server-Sent Events for text/event-stream', async () => {
    await request(CM, { method: 'POST', body: configMap('a') });
    const response = await request(`${CM}?watch=true`, { headers: { accept: 'text/event-stream' } });
    expect(response.headers['content-type']).toBe('text/event-stream');
    expect(String((await chunks(response).next()).value)).toMatch(/^data: \{"type":"ADDED","object":\{.*\}\}\n\n$/);
  });

  it('reports a too-old resourceVersion as an ERROR event with 410 Expired', async () => {
    const storage = new MemoryStorage({ historyWindow: 2 });
    const small = await createServer({ registry: new Registry({ storage }) });
    const smallRequest = requester(small.handle);
    for (const name of ['a', 'b', 'c', 'd']) await smallRequest(CM, { method: 'POST', body: configMap(name) });
    const stream = chunks(await smallRequest(`${CM}?watch=true&resourceVersion=1`));
    const event = JSON.parse(String((await stream.next()).value)) as { type: string; object: Record<string, unknown> };
    expect(event).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
    expect((await stream.next()).done).toBe(true);
    await small.close();
  });

  it('ends the stream when the client goes away', async () => {
    const abort = new AbortController();
    const stream = chunks(await request(`${CM}?watch=true&resourceVersion=0`, { signal: abort.signal }));
    const pending = stream.next();
    abort.abort();
    expect((await pending).done).toBe(true);
  });

  it('ends the stream at once when the client went away before it started', async () => {
    const abort = new AbortController();
    abort.abort();
    const stream = chunks(await request(`${CM}?watch=true&resourceVersion=0`, { signal: abort.signal }));
    expect((await stream.next()).done).toBe(true);
  });

  it('ends the stream after timeoutSeconds', async () => {
    const stream = chunks(await request(`${CM}?watch=true&timeoutSeconds=0`));
    expect((await stream.next()).done).toBe(true);
  });
});

describe('discovery', () => {
  it('serves aggregated discovery with its exact Content-Type, and the legacy documents', async () => {
    const aggregated = await request('/apis', {
      headers: {
        accept:
          'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json',
      },
    });
    expect(aggregated.headers['content-type']).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    expect(json(aggregated)).toMatchObject({ kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2' });
    const core = json<{ resources: { name: string; verbs: string[] }[] }>(await request('/api/v1'));
    const configMaps = core.resources.find((resource) => resource.name === 'configmaps');
    expect(configMaps?.verbs).toEqual(['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']);
    expect(core.resources.map((resource) => resource.name)).toContain('namespaces/status');
  });

  it('serves the OpenAPI v3 index and documents whose PATCH operations take fieldValidation', async () => {
    const index = json<{ paths: Record<string, { serverRelativeURL: string }> }>(await request('/openapi/v3'));
    const document = json<{ paths: Record<string, { patch?: { parameters: { name: string }[]; 'x-kubernetes-group-version-kind': unknown } }>; components: { schemas: Record<string, unknown> } }>(
      await request(index.paths['api/v1']!.serverRelativeURL),
    );
    const patch = document.paths['/api/v1/namespaces/{namespace}/configmaps/{name}']?.patch;
    expect(patch?.['x-kubernetes-group-version-kind']).toEqual({ group: '', version: 'v1', kind: 'ConfigMap' });
    expect(patch?.parameters.map((parameter) => parameter.name)).toContain('fieldValidation');
    expect(document.components.schemas['io.k8s.api.core.v1.ConfigMap']).toBeDefined();
  });

  it('serves the OpenAPI v2 document in JSON, and 404 to a client that takes only its protobuf form', async () => {
    type Swagger = {
      swagger: string;
      paths: Record<string, { patch?: { consumes: string[]; parameters: { name: string; in: string; schema?: unknown }[] }; parameters: { name: string }[] }>;
      definitions: Record<string, { properties?: Record<string, unknown>; type?: string }>;
    };
    const swagger = json<Swagger>(await request('/openapi/v2'));
    expect(swagger.swagger).toBe('2.0');
    const item = swagger.paths['/api/v1/namespaces/{namespace}/configmaps/{name}']!;
    expect(item.parameters.map((parameter) => parameter.name)).toEqual(['namespace', 'name']);
    expect(item.patch?.consumes).toContain('application/strategic-merge-patch+json');
    expect(item.patch?.parameters[0]).toEqual({ name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch' } });
    expect(swagger.definitions['io.k8s.api.core.v1.ConfigMap']?.properties).toHaveProperty('data');
    expect(swagger.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ type: 'string', format: 'int-or-string' });
    expect(JSON.stringify(swagger)).not.toContain('#/components/');
    const protobuf = await request('/openapi/v2', { headers: { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' } });
    expect(protobuf.status).toBe(404);
  });
});
