import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster, withControllers } from './harness.js';

// What a client's own end-to-end tests found missing (issue 15): ReplicationControllers,
// APIServices, and the newline a real server ends every JSON body with.

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster(withControllers);
});

afterAll(async () => {
  await cluster?.stop();
});

async function ok(args: string[], stdin?: string): Promise<string> {
  const result = await cluster.kubectl(args, { ...(stdin !== undefined && { stdin }), timeoutMs: 60_000 });
  expect(result.stderr, `kubectl ${args.join(' ')}`).toBe('');
  expect(result.code, `kubectl ${args.join(' ')}`).toBe(0);
  return result.stdout;
}

const MANIFESTS = `apiVersion: v1
kind: ReplicationController
metadata:
  name: legacy
spec:
  replicas: 2
  template:
    metadata:
      labels: {app: legacy}
    spec:
      containers:
      - name: web
        image: nginx:1.27
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  name: v1beta1.metrics.k8s.io
spec:
  group: metrics.k8s.io
  version: v1beta1
  service: {namespace: kube-system, name: metrics-server}
  groupPriorityMinimum: 100
  versionPriority: 100
  insecureSkipTLSVerify: true
`;

describe('ReplicationControllers and APIServices with kubectl', () => {
  it('creates both from one multi-document stream', async () => {
    expect(await ok(['create', '-f', '-'], MANIFESTS)).toBe('replicationcontroller/legacy created\napiservice.apiregistration.k8s.io/v1beta1.metrics.k8s.io created\n');
  });

  it('gets, waits for and scales a ReplicationController', async () => {
    await ok(['wait', '--for=jsonpath={.status.readyReplicas}=2', 'rc/legacy', '--timeout=30s']);
    const rows = (await ok(['get', 'rc'])).trimEnd().split('\n');
    expect(rows[0]).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE$/);
    expect(rows[1]).toMatch(/^legacy\s+2\s+2\s+2\s+\d+s$/);
    const wide = (await ok(['get', 'replicationcontroller', 'legacy', '-o', 'wide'])).trimEnd().split('\n');
    expect(wide[0]).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/);
    expect(wide[1]).toMatch(/\s+web\s+nginx:1\.27\s+app=legacy$/);
    expect(await ok(['scale', 'rc', 'legacy', '--replicas=3'])).toBe('replicationcontroller/legacy scaled\n');
    await ok(['wait', '--for=jsonpath={.status.readyReplicas}=3', 'rc/legacy', '--timeout=30s']);
    expect(await ok(['get', 'pods', '-l', 'app=legacy', '-o', 'name'])).toMatch(/^(pod\/legacy-[a-z0-9]{5}\n){3}$/);
  });

  it('lists the Local APIServices of every served group version, and the one created', async () => {
    const rows = (await ok(['get', 'apiservices'])).trimEnd().split('\n');
    expect(rows[0]).toMatch(/^NAME\s+SERVICE\s+AVAILABLE\s+AGE$/);
    const byName = new Map(rows.slice(1).map((row) => [row.split(/\s+/)[0], row]));
    expect(byName.get('v1.')).toMatch(/^v1\.\s+Local\s+True\s+\d+s$/);
    expect(byName.get('v1.apps')).toMatch(/^v1\.apps\s+Local\s+True\s+\d+s$/);
    expect(byName.get('v1.apiregistration.k8s.io')).toMatch(/Local\s+True/);
    expect(byName.get('v1beta1.metrics.k8s.io')).toMatch(/^v1beta1\.metrics\.k8s\.io\s+kube-system\/metrics-server\s+False \(ServiceNotFound\)\s+\d+s$/);
  });
});

describe('JSON bodies', () => {
  it('end with a newline, as the real encoder writes them', async () => {
    const raw = await ok(['get', '--raw', '/api/v1/namespaces/default/replicationcontrollers/legacy']);
    expect(raw.endsWith('}\n')).toBe(true);
    const missing = await cluster.kubectl(['get', '--raw', '/api/v1/namespaces/default/configmaps/missing']);
    expect(missing.stderr).toBe('Error from server (NotFound): configmaps "missing" not found\n');
  });
});
