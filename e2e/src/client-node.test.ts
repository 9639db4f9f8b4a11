import { ApiextensionsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig, KubernetesObjectApi, PatchStrategy, type V1ConfigMap, Watch } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, backends, startCluster } from './harness.js';

// @kubernetes/client-node 1.4 (the line that runs on Node 20) with the example server's
// kubeconfig: HTTPS, CA embedded.

let cluster: Cluster;
let config: KubeConfig;
let core: CoreV1Api;

// The same suite on each storage backend: memory, and etcd when it is installed.
describe.each(backends())('on $name storage', ({ start }) => {
  beforeAll(async () => {
    cluster = await startCluster(start);
    config = new KubeConfig();
    config.loadFromFile(cluster.kubeconfigPath);
    core = config.makeApiClient(CoreV1Api);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  describe('@kubernetes/client-node', () => {
    it('lists the system namespaces', async () => {
      const list = await core.listNamespace();
      expect(list.items.map((namespace) => namespace.metadata?.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    });

    it('creates, reads, replaces and deletes a ConfigMap', async () => {
      const created = await core.createNamespacedConfigMap({
        namespace: 'default',
        body: { metadata: { name: 'settings' }, data: { mode: 'fast' } },
      });
      expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
      const read = await core.readNamespacedConfigMap({ name: 'settings', namespace: 'default' });
      read.data = { mode: 'slow' };
      const replaced = await core.replaceNamespacedConfigMap({ name: 'settings', namespace: 'default', body: read });
      expect(replaced.data).toEqual({ mode: 'slow' });
      const status = await core.deleteNamespacedConfigMap({ name: 'settings', namespace: 'default' });
      expect(status).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'settings', kind: 'configmaps' } });
    });

    it('reports a missing object as an ApiException with the Status body', async () => {
      await expect(core.readNamespacedConfigMap({ name: 'nope', namespace: 'default' })).rejects.toMatchObject({
        code: 404,
        body: expect.stringContaining('configmaps \\"nope\\" not found'),
      });
    });

    it('watches a collection', async () => {
      const events: string[] = [];
      let sawDelete: () => void = () => undefined;
      const deleted = new Promise<void>((resolve) => (sawDelete = resolve));
      const watch = await new Watch(config).watch(
        '/api/v1/namespaces/default/configmaps',
        {},
        (type, object: { metadata?: { name?: string } }) => {
          events.push(`${type} ${object.metadata?.name}`);
          if (type === 'DELETED') sawDelete();
        },
        () => undefined,
      );
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'watched' } } });
      await core.deleteNamespacedConfigMap({ name: 'watched', namespace: 'default' });
      await deleted;
      watch.abort();
      expect(events).toEqual(['ADDED watched', 'DELETED watched']);
    });

    it('applies server-side through KubernetesObjectApi: creates, updates, and a conflict is a 409 with its cause', async () => {
      const objects = KubernetesObjectApi.makeApiClient(config);
      const configMap = (mode: string): V1ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied', namespace: 'default' }, data: { mode } });
      const created = await objects.patch(configMap('fast'), undefined, undefined, 'alice', undefined, PatchStrategy.ServerSideApply);
      expect(created.metadata?.managedFields?.[0]).toMatchObject({ manager: 'alice', operation: 'Apply', fieldsV1: { 'f:data': { 'f:mode': {} } } });
      const updated = await objects.patch(configMap('slow'), undefined, undefined, 'alice', undefined, PatchStrategy.ServerSideApply);
      expect(updated.data).toEqual({ mode: 'slow' });
      const conflict = objects.patch(configMap('other'), undefined, undefined, 'bob', false, PatchStrategy.ServerSideApply);
      await expect(conflict).rejects.toMatchObject({ code: 409 });
      const body = JSON.parse(((await conflict.catch((error: unknown) => error)) as { body: string }).body) as Record<string, unknown>;
      expect(body).toMatchObject({
        reason: 'Conflict',
        message: 'Apply failed with 1 conflict: conflict with "alice": .data.mode',
        details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "alice"', field: '.data.mode' }] },
      });
      const forced = await objects.patch(configMap('other'), undefined, undefined, 'bob', true, PatchStrategy.ServerSideApply);
      expect(forced.data).toEqual({ mode: 'other' });
    });
  });

  describe('@kubernetes/client-node with a CustomResourceDefinition', () => {
    const foos = { group: 'hello.zeng.dev', version: 'v1', plural: 'foos', namespace: 'default' };

    it('creates a CRD, then creates, reads, lists, patches, watches and deletes custom objects', async () => {
      await config.makeApiClient(ApiextensionsV1Api).createCustomResourceDefinition({
        body: {
          metadata: { name: 'foos.hello.zeng.dev' },
          spec: {
            group: 'hello.zeng.dev',
            scope: 'Namespaced',
            names: { plural: 'foos', kind: 'Foo' },
            versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', x_kubernetes_preserve_unknown_fields: true } } }],
          },
        },
      });
      const custom = config.makeApiClient(CustomObjectsApi);
      const events: string[] = [];
      let sawDelete: () => void = () => undefined;
      const deleted = new Promise<void>((resolve) => (sawDelete = resolve));
      const watch = await new Watch(config).watch(
        '/apis/hello.zeng.dev/v1/namespaces/default/foos',
        {},
        (type, object: { metadata?: { name?: string } }) => {
          events.push(`${type} ${object.metadata?.name}`);
          if (type === 'DELETED') sawDelete();
        },
        () => undefined,
      );
      const created = (await custom.createNamespacedCustomObject({ ...foos, body: { apiVersion: 'hello.zeng.dev/v1', kind: 'Foo', metadata: { name: 'x' }, spec: { msg: 'hi' } } })) as {
        metadata: { uid: string };
      };
      expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
      expect(await custom.getNamespacedCustomObject({ ...foos, name: 'x' })).toMatchObject({ spec: { msg: 'hi' } });
      const listed = (await custom.listNamespacedCustomObject(foos)) as { kind: string; items: unknown[] };
      expect(listed).toMatchObject({ kind: 'FooList', items: [{ metadata: { name: 'x' } }] });
      const patched = await custom.patchNamespacedCustomObject({ ...foos, name: 'x', body: [{ op: 'replace', path: '/spec/msg', value: 'patched' }] });
      expect(patched).toMatchObject({ spec: { msg: 'patched' } });
      await custom.deleteNamespacedCustomObject({ ...foos, name: 'x' });
      await deleted;
      watch.abort();
      expect(events).toEqual(['ADDED x', 'MODIFIED x', 'DELETED x']);
    });
  });
});
