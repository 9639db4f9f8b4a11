import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, backends, startCluster, withControllers } from './harness.js';

// Real helm v4 `--wait` against the example server with its simulated controllers: install and
// upgrade return once the Deployment is available, as on a real cluster.

let cluster: Cluster;
let chart: string;

const TEMPLATES = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
spec:
  replicas: {{ .Values.replicas | default 2 }}
  selector: {matchLabels: {app: {{ .Release.Name }}}}
  template:
    metadata: {labels: {app: {{ .Release.Name }}}}
    spec:
      containers: [{name: web, image: "nginx:{{ .Values.tag | default "1.27" }}"}]
---
apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}-web
spec:
  selector: {app: {{ .Release.Name }}}
  ports: [{port: 80, targetPort: 8080}]
`;

// A test hook: a pod that runs to completion (the simulated kubelet exits 0 for restartPolicy Never).
const TEST_POD = `apiVersion: v1
kind: Pod
metadata:
  name: {{ .Release.Name }}-test-connection
  annotations:
    helm.sh/hook: test
spec:
  restartPolicy: Never
  containers: [{name: wget, image: busybox, command: [wget, "{{ .Release.Name }}-web:80"]}]
`;

// The same suite on each storage backend: memory, and etcd when it is installed.
describe.each(backends(withControllers))('on $name storage', ({ start }) => {
  beforeAll(async () => {
    cluster = await startCluster(start);
    chart = dirname(await cluster.file('waiting/Chart.yaml', 'apiVersion: v2\nname: waiting\nversion: 0.1.0\n'));
    await cluster.file('waiting/templates/all.yaml', TEMPLATES);
    await cluster.file('waiting/templates/tests/connection.yaml', TEST_POD);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  async function helm(...args: string[]) {
    const result = await cluster.helm(args, { timeoutMs: 90_000 });
    expect(result.stderr, `helm ${args.join(' ')}`).toBe('');
    expect(result.code, `helm ${args.join(' ')}`).toBe(0);
    return result.stdout;
  }

  const available = async () => (await cluster.kubectl(['get', 'deployment', 'shop-web', '-o', 'jsonpath={.status.availableReplicas}/{.spec.replicas} {.spec.template.spec.containers[0].image}'])).stdout;

  describe('helm --wait with the simulated controllers', () => {
    it('install --wait returns once the Deployment is available', async () => {
      expect(await helm('install', 'shop', chart, '--wait', '--timeout', '60s')).toMatch(/STATUS: deployed\n/);
      expect(await available()).toBe('2/2 nginx:1.27');
    });

    it('upgrade --wait returns once the new pods are available', async () => {
      expect(await helm('upgrade', 'shop', chart, '--wait', '--timeout', '60s', '--set', 'replicas=3', '--set', 'tag=1.28')).toMatch(/^Release "shop" has been upgraded\. Happy Helming!\n/);
      expect(await available()).toBe('3/3 nginx:1.28');
      // Old pods may still be on their way out (Terminating); the ones that stay run the new image.
      const pods = JSON.parse((await cluster.kubectl(['get', 'pods', '-l', 'app=shop', '-o', 'json'])).stdout) as {
        items: { metadata: { deletionTimestamp?: string }; spec: { containers: { image: string }[] } }[];
      };
      const staying = pods.items.filter((pod) => !pod.metadata.deletionTimestamp);
      expect(staying.map((pod) => pod.spec.containers[0]?.image)).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28']);
    });

    it('helm test runs the test pod to completion', async () => {
      const output = await helm('test', 'shop', '--timeout', '60s');
      expect(output).toMatch(/^TEST SUITE:\s+shop-test-connection$/m);
      expect(output).toMatch(/^Phase:\s+Succeeded$/m);
    });
  });
});
