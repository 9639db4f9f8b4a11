import type { ExampleServerOptions, RunningExampleServer } from '@kubekit/example-server';
import { CoreV1Api, KubeConfig, Watch } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from './harness.js';

const configMap = (name: string, mode: string) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { mode } });

/**
 * The smoke test of an app that serves the Kubernetes API under /k8s next to its own routes
 * (examples/express-embed, examples/hono-embed): real kubectl v1.35 and @kubernetes/client-node
 * 1.4 with a kubeconfig whose server is `https://127.0.0.1:<port>/k8s`.
 */
export function describeEmbeddedApp(name: string, start: (options: ExampleServerOptions) => Promise<RunningExampleServer>): void {
  describe(name, () => {
    let cluster: Cluster;
    let config: KubeConfig;

    beforeAll(async () => {
      cluster = await startCluster(start);
      config = new KubeConfig();
      config.loadFromFile(cluster.kubeconfigPath);
    });

    afterAll(async () => {
      await cluster?.stop();
    });

    async function ok(args: string[], stdin?: string): Promise<string> {
      const result = await cluster.kubectl(args, { ...(stdin !== undefined && { stdin }) });
      expect(result.stderr, `kubectl ${args.join(' ')}`).toBe('');
      expect(result.code).toBe(0);
      return result.stdout;
    }

    it('is a cluster to kubectl: discovery, apply (validated against OpenAPI under /k8s), patch, explain, delete', async () => {
      expect(cluster.server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/k8s$/);
      expect(await ok(['version'])).toContain('Server Version: v1.35');
      expect(await ok(['get', 'namespaces', '-o', 'name'])).toContain('namespace/default');
      expect(await ok(['api-resources', '--api-group=apps', '-o', 'name'])).toContain('deployments.apps');
      expect(await ok(['apply', '-f', '-'], configMap('settings', 'fast'))).toBe('configmap/settings created\n');
      expect(await ok(['patch', 'cm', 'settings', '--type=merge', '-p', '{"data":{"mode":"slow"}}'])).toBe('configmap/settings patched\n');
      expect(await ok(['get', 'cm', 'settings', '-o', 'jsonpath={.data.mode}'])).toBe('slow');
      expect(await ok(['explain', 'configmap.data'])).toContain('FIELD: data <map[string]string>');
      expect(await ok(['delete', 'cm', 'settings'])).toBe('configmap "settings" deleted from default namespace\n');
      const missing = await cluster.kubectl(['get', 'cm', 'settings']);
      expect([missing.code, missing.stderr]).toEqual([1, 'Error from server (NotFound): configmaps "settings" not found\n']);
    });

    it('streams kubectl get -w, and frees the watcher when kubectl goes away', async () => {
      const watchers = async (count: number) => {
        while (cluster.server.server.stats().watchers !== count) await new Promise((resolve) => setTimeout(resolve, 10));
      };
      const watch = cluster.spawnKubectl(['get', 'cm', '-w', '--output-watch-events']);
      // kubectl lists, then watches: the server's count says when its watch is open.
      await watchers(1);
      await ok(['create', '-f', '-'], configMap('watched', 'on'));
      await watch.waitFor(/ADDED\s+watched/);
      await watch.stop();
      await watchers(0);
    });

    it('is a cluster to @kubernetes/client-node: typed calls and a watch', async () => {
      const core = config.makeApiClient(CoreV1Api);
      const namespaces = await core.listNamespace();
      expect(namespaces.items.map((namespace) => namespace.metadata?.name)).toContain('kube-system');
      const events: string[] = [];
      let sawDelete: () => void = () => undefined;
      const deleted = new Promise<void>((resolve) => (sawDelete = resolve));
      const watch = await new Watch(config).watch(
        '/api/v1/namespaces/default/configmaps',
        { fieldSelector: 'metadata.name=client' },
        (type, object: { metadata?: { name?: string } }) => {
          events.push(`${type} ${object.metadata?.name}`);
          if (type === 'DELETED') sawDelete();
        },
        () => undefined,
      );
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'client' }, data: { mode: 'a' } } });
      const read = await core.readNamespacedConfigMap({ name: 'client', namespace: 'default' });
      expect(read.data).toEqual({ mode: 'a' });
      await core.deleteNamespacedConfigMap({ name: 'client', namespace: 'default' });
      await deleted;
      watch.abort();
      expect(events).toEqual(['ADDED client', 'DELETED client']);
    });
  });
}
