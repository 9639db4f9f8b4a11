import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, backends, startCluster } from './harness.js';

// Real helm v4 against the example server. Its release records are Secrets written with protobuf
// bodies (WIRE.md). helm 4 applies objects with server-side apply by default (field manager
// `helm`); `--server-side=false` uses create and strategic merge instead.

let cluster: Cluster;
let chart: string;

const TEMPLATES = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-config
data:
  mode: {{ .Values.mode | default "fast" }}
---
apiVersion: v1
kind: Secret
metadata:
  name: {{ .Release.Name }}-secret
stringData:
  password: s3cret
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ .Release.Name }}-sa
---
apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}-web
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.27}]
`;

async function ok(args: string[]) {
  const result = await cluster.helm(args);
  expect(result.stderr, `helm ${args.join(' ')}`).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

const rows = (table: string) => table.trim().split('\n').map((line) => line.split('\t').map((cell) => cell.trim()));

// The same suite on each storage backend: memory, and etcd when it is installed.
describe.each(backends())('on $name storage', ({ start }) => {
  beforeAll(async () => {
    cluster = await startCluster(start);
    chart = dirname(await cluster.file('demo/Chart.yaml', 'apiVersion: v2\nname: demo\nversion: 0.1.0\n'));
    await cluster.file('demo/templates/all.yaml', TEMPLATES);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  describe('helm', () => {
    it('installs a chart, lists it and shows its history', async () => {
      expect(await ok(['install', 'shop', chart, '--server-side=false'])).toMatch(/^NAME: shop\n[\s\S]*STATUS: deployed\nREVISION: 1\n/);
      const objects = await cluster.kubectl(['get', 'configmap/shop-config', 'secret/shop-secret', 'serviceaccount/shop-sa', 'service/shop-web', 'deployment/shop-web', '-o', 'name']);
      expect(objects.stdout).toBe('configmap/shop-config\nsecret/shop-secret\nserviceaccount/shop-sa\nservice/shop-web\ndeployment.apps/shop-web\n');
      const list = rows(await ok(['list']));
      expect(list[0]).toEqual(['NAME', 'NAMESPACE', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION']);
      expect(list[1]).toEqual(expect.arrayContaining(['shop', 'default', '1', 'deployed', 'demo-0.1.0']));
      const secret = await cluster.kubectl(['get', 'secret', '-l', 'owner=helm,name=shop', '-o', 'jsonpath={.items[*].type}']);
      expect(secret.stdout).toBe('helm.sh/release.v1');
    });

    it('upgrades and records the revisions', async () => {
      expect(await ok(['upgrade', 'shop', chart, '--set', 'mode=slow'])).toMatch(/^Release "shop" has been upgraded\. Happy Helming!\n/);
      const history = rows(await ok(['history', 'shop']));
      expect(history.slice(1).map((row) => [row[0], row[2], row[5]])).toEqual([
        ['1', 'superseded', 'Install complete'],
        ['2', 'deployed', 'Upgrade complete'],
      ]);
      const mode = await cluster.kubectl(['get', 'configmap', 'shop-config', '-o', 'jsonpath={.data.mode}']);
      expect(mode.stdout).toBe('slow');
    });

    it('uninstalls: the objects and the release records go', async () => {
      expect(await ok(['uninstall', 'shop'])).toBe('release "shop" uninstalled\n');
      expect(rows(await ok(['list'])).length).toBe(1);
      const left = await cluster.kubectl(['get', 'configmaps,secrets,deployments', '-o', 'name']);
      expect(left.stdout).toBe('');
    });
  });

  describe('helm with its default server-side apply', () => {
    const managers = async (resource: string) => {
      const object = JSON.parse((await cluster.kubectl(['get', resource, '-o', 'json', '--show-managed-fields'])).stdout) as {
        metadata: { managedFields?: { manager: string; operation: string }[] };
      };
      return object.metadata.managedFields?.map((entry) => `${entry.manager} ${entry.operation}`);
    };

    it('installs with server-side apply: every object is owned by helm', async () => {
      expect(await ok(['install', 'ssa', chart])).toMatch(/^NAME: ssa\n[\s\S]*STATUS: deployed\nREVISION: 1\n/);
      for (const resource of ['configmap/ssa-config', 'secret/ssa-secret', 'serviceaccount/ssa-sa', 'service/ssa-web', 'deployment/ssa-web']) {
        expect(await managers(resource), resource).toEqual(['helm Apply']);
      }
    });

    it('upgrades with changed values, then rolls back', async () => {
      expect(await ok(['upgrade', 'ssa', chart, '--set', 'mode=slow'])).toMatch(/^Release "ssa" has been upgraded\. Happy Helming!\n/);
      const mode = async () => (await cluster.kubectl(['get', 'configmap', 'ssa-config', '-o', 'jsonpath={.data.mode}'])).stdout;
      expect(await mode()).toBe('slow');
      expect(await ok(['rollback', 'ssa', '1'])).toBe('Rollback was a success! Happy Helming!\n');
      expect(await mode()).toBe('fast');
      expect(await managers('configmap/ssa-config')).toEqual(['helm Apply']);
    });

    it('uninstalls', async () => {
      expect(await ok(['uninstall', 'ssa'])).toBe('release "ssa" uninstalled\n');
      const left = await cluster.kubectl(['get', 'configmaps,secrets,deployments,services', '-l', 'app.kubernetes.io/managed-by=Helm', '-o', 'name']);
      expect(left.stdout).toBe('');
    });
  });
});
