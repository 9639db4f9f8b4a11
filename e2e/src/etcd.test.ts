import { CoreV1Api, KubeConfig, type V1ConfigMap, makeInformer } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EtcdStorage } from '@kubekit/etcd';
import { type EtcdProcess, etcdAvailable, startEtcd } from '@kubekit/etcd/testing';
import { startExampleServer } from '@kubekit/example-server';
import { type EtcdLink, type ServerProcess, eventually, requestJson, startEtcdLink, startServerProcess } from './etcd-servers.js';

// Several kubekit servers on one etcd (Debian's etcd-server, installed by .ci/run): the state is
// etcd's, so what one server acknowledged every other serves, and a server that dies loses nothing.

const available = etcdAvailable();
if (!available) console.warn('etcd is not installed: `apt-get install etcd-server` to run the etcd end-to-end tests');

const CM = '/api/v1/namespaces/default/configmaps';
const configMap = (name: string, data: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

/** Reads a watch over HTTP line by line. */
async function openWatch(url: string) {
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<{ type: string; object: { metadata: { name: string } } }> {
      for (;;) {
        const newline = buffer.indexOf('\n');
        if (newline >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          return JSON.parse(line) as { type: string; object: { metadata: { name: string } } };
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the watch ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    stop: () => abort.abort(),
  };
}

let etcd: EtcdProcess;
let prefixes = 0;
const freshPrefix = () => `/kubekit-e2e-${process.pid}-${++prefixes}`;

describe.runIf(available)('kubekit servers on one etcd', () => {
  beforeAll(async () => {
    etcd = await startEtcd();
  });

  afterAll(async () => {
    await etcd?.destroy();
  });

  describe('two server processes', () => {
    let a: ServerProcess;
    let b: ServerProcess;
    let prefix: string;

    beforeAll(async () => {
      prefix = freshPrefix();
      [a, b] = await Promise.all([startServerProcess(etcd.endpoint, prefix), startServerProcess(etcd.endpoint, prefix)]);
    });

    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
    });

    it('serve one state: a write through A is seen by a GET and a watch through B', async () => {
      const list = await b.request(CM);
      const watch = await openWatch(`${b.url}${CM}?watch=1&resourceVersion=${(list.body.metadata as { resourceVersion: string }).resourceVersion}`);
      try {
        const created = await a.request(CM, { method: 'POST', body: configMap('shared', { from: 'a' }) });
        expect(created.status).toBe(201);
        const read = await b.request(`${CM}/shared`);
        expect(read).toMatchObject({ status: 200, body: { data: { from: 'a' }, metadata: { resourceVersion: (created.body.metadata as { resourceVersion: string }).resourceVersion } } });
        expect(await watch.next()).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'shared' } } });
      } finally {
        watch.stop();
      }
    });

    it('continue a paged list through a server started after its first page, with the snapshot of the first page', async () => {
      const SECRETS = '/api/v1/namespaces/default/secrets';
      for (let i = 0; i < 5; i++) expect((await a.request(SECRETS, { method: 'POST', body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: `page-${i}` } } })).status).toBe(201);
      const first = await a.request(`${SECRETS}?limit=2`);
      expect((first.body.items as { metadata: { name: string } }[]).map((item) => item.metadata.name)).toEqual(['page-0', 'page-1']);
      expect((await a.request(`${SECRETS}/page-3`, { method: 'DELETE' })).status).toBe(200);
      const late = await startExampleServer({ port: 0, insecureHttp: true, etcd: { servers: [etcd.endpoint], prefix } });
      try {
        const token = encodeURIComponent((first.body.metadata as { continue: string }).continue);
        const next = await requestJson(late.url, `${SECRETS}?limit=2&continue=${token}`);
        expect(next.status).toBe(200);
        expect((next.body.items as { metadata: { name: string } }[]).map((item) => item.metadata.name)).toEqual(['page-2', 'page-3']);
        expect(next.body.metadata).toMatchObject({ resourceVersion: (first.body.metadata as { resourceVersion: string }).resourceVersion, remainingItemCount: 1 });
      } finally {
        await late.close();
      }
    });

    it('lose no increment of N concurrent writers doing GET then PUT, retrying on 409, through A and B', async () => {
      const writers = 24;
      expect((await a.request(CM, { method: 'POST', body: configMap('counter', { n: '0' }) })).status).toBe(201);
      let conflicts = 0;
      const increment = async (server: ServerProcess) => {
        for (;;) {
          const current = await server.request(`${CM}/counter`);
          const data = current.body.data as { n: string };
          const next = { ...current.body, data: { n: String(Number(data.n) + 1) } };
          const written = await server.request(`${CM}/counter`, { method: 'PUT', body: next });
          if (written.status === 200) return;
          expect(written.status).toBe(409);
          conflicts++;
        }
      };
      await Promise.all(Array.from({ length: writers }, (_, i) => increment(i % 2 === 0 ? a : b)));
      expect((await b.request(`${CM}/counter`)).body.data).toEqual({ n: String(writers) });
      expect((await a.request(`${CM}/counter`)).body.data).toEqual({ n: String(writers) });
      expect(conflicts).toBeGreaterThan(0);
    });

    it('survive an etcd restart: 503 while it is down, then they serve again without a restart, and a watch lives on', async () => {
      const list = await b.request(CM);
      const watch = await openWatch(`${b.url}${CM}?watch=1&resourceVersion=${(list.body.metadata as { resourceVersion: string }).resourceVersion}`);
      try {
        await etcd.stop();
        const read = await a.request(`${CM}/shared`);
        expect(read.status).toBe(503);
        expect(read.body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'ServiceUnavailable', code: 503 });
        expect(String(read.body.message)).toMatch(/^error reaching etcd: /);
        expect((await a.request(CM, { method: 'POST', body: configMap('during-outage') })).status).toBe(503);
        const ready = await fetch(`${a.url}/readyz?verbose`);
        expect(ready.status).toBe(500);
        expect(await ready.text()).toContain('[-]etcd failed: reason withheld\n');
        await etcd.start();
        let created = await a.request(CM, { method: 'POST', body: configMap('after-outage') });
        for (let tries = 0; created.status !== 201 && tries < 100; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          created = await a.request(CM, { method: 'POST', body: configMap('after-outage') });
        }
        expect(created.status).toBe(201);
        expect((await b.request(`${CM}/after-outage`)).status).toBe(200);
        expect(await watch.next()).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'after-outage' } } });
        expect((await fetch(`${b.url}/readyz`)).status).toBe(200);
      } finally {
        watch.stop();
      }
    });
  });

  it("keep each server's own state current with the others' writes: a CRD served everywhere, garbage collection across servers", async () => {
    const prefix = freshPrefix();
    const [a, b] = await Promise.all([0, 1].map(() => startExampleServer({ port: 0, insecureHttp: true, etcd: { servers: [etcd.endpoint], prefix } })));
    const call = (server: typeof a, path: string, method = 'GET', body?: unknown) => requestJson(server!.url, path, { method, body });
    try {
      const crd = {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'widgets.example.com' },
        spec: {
          group: 'example.com',
          scope: 'Namespaced',
          names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
          versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
        },
      };
      expect((await call(a, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', 'POST', crd)).status).toBe(201);
      const widgets = '/apis/example.com/v1/namespaces/default/widgets';
      await eventually(async () => (await call(b, widgets)).status === 200);
      expect((await call(b, widgets, 'POST', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, size: 3 })).status).toBe(201);
      expect((await call(a, `${widgets}/w`)).status).toBe(200);

      const owner = await call(a, CM, 'POST', configMap('owner'));
      const ownerReferences = [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: (owner.body.metadata as { uid: string }).uid }];
      expect((await call(a, CM, 'POST', { ...configMap('dependent'), metadata: { name: 'dependent', ownerReferences } })).status).toBe(201);
      // B learned of the dependent from A's write, so deleting the owner through B collects it.
      expect((await call(b, `${CM}/owner`, 'DELETE')).status).toBe(200);
      await eventually(async () => (await call(a, `${CM}/dependent`)).status === 404);
    } finally {
      await Promise.all([a?.close(), b?.close()]);
    }
  });

  it('never hand one cluster IP to two Services created at once through two servers (each address is an IPAddress object)', async () => {
    const prefix = freshPrefix();
    // A /28 has 14 addresses; the kubernetes Service holds the first.
    const [a, b] = await Promise.all([0, 1].map(() => startExampleServer({ port: 0, insecureHttp: true, serviceCIDR: '10.96.0.0/28', etcd: { servers: [etcd.endpoint], prefix } })));
    const SVC = '/api/v1/namespaces/default/services';
    try {
      const created = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          requestJson((i % 2 === 0 ? a : b)!.url, SVC, { method: 'POST', body: { apiVersion: 'v1', kind: 'Service', metadata: { name: `s${i}` }, spec: { ports: [{ port: 80 }] } } }),
        ),
      );
      const ips = created.filter(({ status }) => status === 201).map(({ body }) => (body.spec as { clusterIP: string }).clusterIP);
      expect(ips).toHaveLength(13);
      expect(new Set(ips).size).toBe(13);
      expect(created.filter(({ status }) => status !== 201).map(({ body }) => body.message)).toEqual(Array(3).fill('Internal error occurred: failed to allocate a serviceIP: range is full'));
      const addresses = await requestJson(b!.url, '/apis/networking.k8s.io/v1/ipaddresses');
      expect((addresses.body.items as unknown[]).length).toBe(14);
    } finally {
      await Promise.all([a?.close(), b?.close()]);
    }
  });

  it("run one set of simulated controllers, the leader's, and hand over to another server when it stops", async () => {
    const prefix = freshPrefix();
    const election = { leaseDuration: 3_000, renewDeadline: 2_000, retryPeriod: 250 };
    const start = (identity: string) =>
      startExampleServer({ port: 0, insecureHttp: true, etcd: { servers: [etcd.endpoint], prefix }, controllers: { nodes: 2, leaderElection: { identity, ...election } } });
    const a = await start('a');
    const b = await start('b');
    type Answer = { items?: unknown[]; spec?: { holderIdentity?: string }; status?: { readyReplicas?: number } };
    const call = async (server: typeof a, path: string, init?: Parameters<typeof requestJson>[2]) => (await requestJson(server.url, path, init)).body as Answer;
    const readyReplicas = async (server: typeof a) => (await call(server, '/apis/apps/v1/namespaces/default/deployments/web')).status?.readyReplicas ?? 0;
    let closed = false;
    try {
      expect((await call(b, '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-controller-manager')).spec?.holderIdentity).toBe('a');
      const web = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
      };
      await call(b, '/apis/apps/v1/namespaces/default/deployments', { method: 'POST', body: web });
      await eventually(async () => (await readyReplicas(b)) === 3);
      // One ReplicaSet controller made the pods: three, not three per server.
      const pods = (await call(b, '/api/v1/namespaces/default/pods')).items as { metadata: { name: string } }[];
      expect(pods).toHaveLength(3);
      // A pod's log through the server whose kubelets do not run is the leader's, to the timestamp.
      const logOf = async (server: typeof a) => (await fetch(`${server.url}/api/v1/namespaces/default/pods/${pods[0]!.metadata.name}/log?timestamps=true`)).text();
      const log = await logOf(a);
      expect(log).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z web started from docker\.io\/library\/nginx:latest\n$/);
      expect(await logOf(b)).toBe(log);

      await a.close();
      closed = true;
      await eventually(async () => (await call(b, '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-controller-manager')).spec?.holderIdentity === 'b');
      await call(b, '/apis/apps/v1/namespaces/default/deployments/web', { method: 'PATCH', body: { spec: { replicas: 4 } }, contentType: 'application/merge-patch+json' });
      await eventually(async () => (await readyReplicas(b)) === 4);
      expect((await call(b, '/api/v1/namespaces/default/pods')).items).toHaveLength(4);
    } finally {
      await Promise.all([closed ? undefined : a.close(), b.close()]);
    }
  });

  it('lose no acknowledged write when a server is killed with SIGKILL mid-writes', async () => {
    const prefix = freshPrefix();
    const server = await startServerProcess(etcd.endpoint, prefix);
    const acknowledged: string[] = [];
    let stopped = false;
    const writer = async (id: number) => {
      for (let i = 0; !stopped; i++) {
        const name = `w${id}-${i}`;
        const result = await server.request(CM, { method: 'POST', body: configMap(name) }).catch(() => undefined);
        if (result?.status === 201) acknowledged.push(name);
      }
    };
    const writers = Promise.all([1, 2, 3, 4].map(writer));
    while (acknowledged.length < 150) await new Promise((resolve) => setTimeout(resolve, 10));
    await server.stop('SIGKILL');
    stopped = true;
    await writers;
    const restarted = await startServerProcess(etcd.endpoint, prefix);
    try {
      const list = await restarted.request(CM);
      const names = new Set((list.body.items as { metadata: { name: string } }[]).map((item) => item.metadata.name));
      expect(acknowledged.filter((name) => !names.has(name))).toEqual([]);
    } finally {
      await restarted.stop();
    }
  });

  it('answer a watch resumed after etcd compacted past it with 410, and a client-node informer relists', async () => {
    const prefix = freshPrefix();
    const link: EtcdLink = await startEtcdLink(etcd.endpoint);
    // The server reaches etcd through a link the test can cut; the writer reaches etcd directly.
    const served = await startExampleServer({ port: 0, insecureHttp: true, etcd: { servers: [link.endpoint], prefix } });
    const writer = await EtcdStorage.open({ etcd: { servers: [etcd.endpoint] }, prefix, compactionInterval: 0 });
    try {
      const config = new KubeConfig();
      config.loadFromClusterAndUser({ name: 'kubekit', server: served.url, skipTLSVerify: true }, { name: 'anonymous' });
      const core = config.makeApiClient(CoreV1Api);
      await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('before') });
      let lists = 0;
      const informer = makeInformer<V1ConfigMap>(config, CM, () => {
        lists++;
        return core.listNamespacedConfigMap({ namespace: 'default' });
      });
      informer.on('error', () => setTimeout(() => void informer.start(), 100));
      await informer.start();
      expect(informer.list().map((item) => item.metadata?.name)).toEqual(['before']);
      expect(lists).toBe(1);

      // The server loses etcd; meanwhile a change lands and etcd compacts past what the server had.
      link.cut();
      await writer.create('/core/configmaps/default/while-cut', { ...configMap('while-cut'), metadata: { name: 'while-cut', namespace: 'default', uid: 'u-cut' } });
      const later = await writer.create('/core/configmaps/other/later', { ...configMap('later'), metadata: { name: 'later', namespace: 'other', uid: 'u-later' } });
      // etcd keeps the compacted revision itself, so compact past the first change the server missed.
      await writer.compact(later.resourceVersion);
      link.restore();

      // The server's cache finds its watch compacted away, loads again and ends its watches; the
      // informer resumes from its old resourceVersion, gets 410 Expired, and relists.
      const deadline = Date.now() + 20_000;
      while (!informer.list().some((item) => item.metadata?.name === 'while-cut') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(informer.list().map((item) => item.metadata?.name).sort()).toEqual(['before', 'while-cut']);
      expect(lists).toBe(2);
      await informer.stop();
    } finally {
      await writer.close();
      await served.close();
      await link.close();
    }
  });
});
