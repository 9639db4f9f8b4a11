import { existsSync } from 'node:fs';
import { CoreV1Api, type V1ConfigMap, Watch, makeInformer } from '@kubernetes/client-node';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startCluster } from './start-cluster.js';

const configMap = (name: string, data: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data });
const names = (list: { items: Array<{ metadata?: { name?: string } }> }) => list.items.map((item) => item.metadata?.name);

/** Calls `watch` with every event of a client-node watch, and resolves once `until` returned true. */
async function watchUntil(
  watch: Watch,
  path: string,
  resourceVersion: string,
  until: (events: string[]) => boolean,
): Promise<{ events: Promise<string[]>; abort: () => void }> {
  const events: string[] = [];
  let done: (events: string[]) => void = () => undefined;
  const finished = new Promise<string[]>((resolve) => (done = resolve));
  const controller = await watch.watch(
    path,
    { resourceVersion },
    (type, object: { metadata?: { name?: string } }) => {
      events.push(`${type} ${object.metadata?.name}`);
      if (until(events)) done(events);
    },
    () => done(events),
  );
  return { events: finished, abort: () => controller.abort() };
}

describe('startCluster', () => {
  it('gives a running cluster and a client-node client in three lines', async () => {
    const cluster = await startCluster();
    onTestFinished(() => cluster.close());
    const core = (await cluster.kubeConfig()).makeApiClient(CoreV1Api);

    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'settings' }, data: { mode: 'fast' } } });
    expect(cluster.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(cluster.kubeconfig).toContain('certificate-authority-data: ');
    expect((await cluster.client.resource('v1', 'configmaps').get('settings', { namespace: 'default' })).data).toEqual({ mode: 'fast' });
  });

  it('serves plain HTTP on request, with a kubeconfig client-node accepts', async () => {
    const cluster = await startCluster({ https: false });
    onTestFinished(() => cluster.close());
    expect(cluster.url).toMatch(/^http:\/\//);
    const core = (await cluster.kubeConfig()).makeApiClient(CoreV1Api);
    expect(names(await core.listNamespace())).toContain('default');
  });

  it('seeds from YAML text, objects and the state reset() returns to', async () => {
    const yaml = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: prices\n  namespace: shop\n';
    const cluster = await startCluster({ seed: [yaml, configMap('seeded')] });
    onTestFinished(() => cluster.close());
    const configMaps = cluster.client.resource('v1', 'configmaps');
    expect((await configMaps.get('prices', { namespace: 'shop' })).metadata?.name).toBe('prices');
    await configMaps.delete('prices', { namespace: 'shop' });
    await cluster.apply(configMap('added'));
    await cluster.reset();
    expect(names(await configMaps.list({ namespace: 'default' }))).toEqual(['seeded']);
    expect((await configMaps.get('prices', { namespace: 'shop' })).metadata?.name).toBe('prices');
  });

  it('applies as server-side apply: creates, then merges, keeping fields set by others', async () => {
    const cluster = await startCluster({ https: false });
    onTestFinished(() => cluster.close());
    const [created] = await cluster.apply(configMap('app', { a: '1' }));
    expect(created?.metadata?.managedFields?.[0]).toMatchObject({ manager: 'kubekit-testing', operation: 'Apply' });
    await cluster.client.resource('v1', 'configmaps').modify('app', (object) => void ((object as { data: Record<string, string> }).data.b = '2'), { namespace: 'default' });
    const [updated] = await cluster.apply('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: "3"\n');
    expect((updated as { data?: unknown }).data).toEqual({ a: '3', b: '2' });
    await expect(cluster.apply({ apiVersion: 'example.com/v1', kind: 'Nope', metadata: { name: 'x' } })).rejects.toThrow('no matches for kind "Nope" in version "example.com/v1"');
  });

  it('applies a CRD and its custom resources in one go, and reset() stops serving them', async () => {
    const cluster = await startCluster({ https: false });
    onTestFinished(() => cluster.close());
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'foos.hello.zeng.dev' },
      spec: {
        group: 'hello.zeng.dev',
        scope: 'Namespaced',
        names: { plural: 'foos', kind: 'Foo' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    };
    await cluster.apply([crd, 'apiVersion: hello.zeng.dev/v1\nkind: Foo\nmetadata:\n  name: x\nspec:\n  msg: hi\n']);
    expect((await cluster.client.resource('hello.zeng.dev/v1', 'foos').get('x', { namespace: 'default' })).spec).toEqual({ msg: 'hi' });
    await cluster.reset();
    expect((await fetch(`${cluster.url}/apis/hello.zeng.dev/v1/namespaces/default/foos`)).status).toBe(404);
  });

  it('reset() keeps resourceVersions increasing and shows a watch started before it the difference', async () => {
    const cluster = await startCluster({ seed: configMap('seeded') });
    onTestFinished(() => cluster.close());
    const config = await cluster.kubeConfig();
    const core = config.makeApiClient(CoreV1Api);
    await core.deleteNamespacedConfigMap({ name: 'seeded', namespace: 'default' });
    const extra = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'extra' } } });
    const watch = await watchUntil(new Watch(config), '/api/v1/namespaces/default/configmaps', extra.metadata!.resourceVersion!, (events) => events.length === 2);
    onTestFinished(watch.abort);
    await cluster.reset();
    expect(await watch.events).toEqual(['DELETED extra', 'ADDED seeded']);
    const restored = await core.readNamespacedConfigMap({ name: 'seeded', namespace: 'default' });
    expect(Number(restored.metadata!.resourceVersion)).toBeGreaterThan(Number(extra.metadata!.resourceVersion));
    const list = await core.listNamespacedConfigMap({ namespace: 'default' });
    expect(names(list)).toEqual(['seeded']);
    expect(Number(list.metadata!.resourceVersion)).toBeGreaterThanOrEqual(Number(restored.metadata!.resourceVersion));
  });

  it('keeps an informer started before reset() in step: its cache ends equal to the reset state', async () => {
    const cluster = await startCluster({ seed: configMap('seeded') });
    onTestFinished(() => cluster.close());
    const config = await cluster.kubeConfig();
    const core = config.makeApiClient(CoreV1Api);
    const informer = makeInformer<V1ConfigMap>(config, '/api/v1/namespaces/default/configmaps', () => core.listNamespacedConfigMap({ namespace: 'default' }));
    const events: string[] = [];
    let seen: (() => void) | undefined;
    const record = (type: string) => (object: V1ConfigMap) => {
      events.push(`${type} ${object.metadata?.name}`);
      seen?.();
    };
    const eventCount = (count: number) => new Promise<void>((resolve) => (seen = () => events.length >= count && resolve())).finally(() => (seen = undefined));
    informer.on('add', record('add'));
    informer.on('delete', record('delete'));
    const started = eventCount(1);
    await informer.start();
    onTestFinished(() => informer.stop());
    await started;
    const changed = eventCount(3);
    await core.deleteNamespacedConfigMap({ name: 'seeded', namespace: 'default' });
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'extra' } } });
    await changed;
    const reset = eventCount(5);
    await cluster.reset();
    await reset;
    expect(events).toEqual(['add seeded', 'delete seeded', 'add extra', 'delete extra', 'add seeded']);
    expect(informer.list().map((object) => object.metadata?.name)).toEqual(['seeded']);
  });

  it('restores a snapshot, which becomes the state reset() returns to', async () => {
    const cluster = await startCluster({ https: false });
    onTestFinished(() => cluster.close());
    await cluster.apply(configMap('one'));
    const one = cluster.snapshot();
    await cluster.apply(configMap('two'));
    await cluster.restore(one);
    await cluster.apply(configMap('three'));
    await cluster.reset();
    expect(names(await cluster.client.resource('v1', 'configmaps').list({ namespace: 'default' }))).toEqual(['one']);
  });

  it('close() ends watches and connections, stops listening and removes the kubeconfig', async () => {
    const cluster = await startCluster();
    const config = await cluster.kubeConfig();
    const list = await config.makeApiClient(CoreV1Api).listNamespacedConfigMap({ namespace: 'default' });
    const watch = await watchUntil(new Watch(config), '/api/v1/namespaces/default/configmaps', list.metadata!.resourceVersion!, () => false);
    await cluster.close();
    await cluster.close();
    expect(await watch.events).toEqual([]);
    expect(existsSync(cluster.kubeconfigPath)).toBe(false);
    await expect(fetch(`${cluster.url.replace('https', 'http')}/version`)).rejects.toThrow();
  });

  it('runs clusters side by side on ports and files of their own, sharing one CA', async () => {
    const [a, b] = await Promise.all([startCluster(), startCluster()]);
    onTestFinished(() => Promise.all([a.close(), b.close()]).then(() => undefined));
    expect(a.url).not.toBe(b.url);
    expect(a.kubeconfigPath).not.toBe(b.kubeconfigPath);
    expect(a.kubeconfig.match(/certificate-authority-data: (\S+)/)?.[1]).toBe(b.kubeconfig.match(/certificate-authority-data: (\S+)/)?.[1]);
    expect(a.env().KUBECONFIG).toBe(a.kubeconfigPath);
  });
});

describe('the cluster clock', () => {
  it('stopped at a start time, stamps objects with it, and moves the Table AGE column when advanced', async () => {
    const cluster = await startCluster({ https: false, now: new Date('2026-01-01T00:00:00Z') });
    onTestFinished(() => cluster.close());
    const created = await cluster.client.kind('v1', 'ConfigMap').create(configMap('dated'));
    expect(created.metadata?.creationTimestamp).toBe('2026-01-01T00:00:00Z');
    cluster.clock.advance(90_000);
    const table = (await (
      await fetch(`${cluster.url}/api/v1/namespaces/default/configmaps/dated`, { headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } })
    ).json()) as { columnDefinitions: Array<{ name: string }>; rows: Array<{ cells: unknown[] }> };
    const age = table.columnDefinitions.findIndex((column) => column.name === 'Age');
    expect(table.rows[0]?.cells[age]).toBe('90s');
    const later = await cluster.client.kind('v1', 'ConfigMap').create(configMap('later'));
    expect(later.metadata?.creationTimestamp).toBe('2026-01-01T00:01:30Z');
  });
});
