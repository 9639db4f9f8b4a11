import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster, withControllers } from './harness.js';

// kubectl's typed commands send protobuf bodies (WIRE.md): `create <kind>`, `auth`, `create token`
// and the calls `drain` makes. Output is kubectl's against a real cluster.

let cluster: Cluster;

async function ok(args: string[], stdin?: string) {
  const result = await cluster.kubectl(args, stdin === undefined ? {} : { stdin });
  expect(result.stderr, `kubectl ${args.join(' ')}`).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

beforeAll(async () => {
  cluster = await startCluster();
});

afterAll(async () => {
  await cluster?.stop();
});

describe('kubectl create <kind>', () => {
  it.each([
    [['create', 'namespace', 'team'], 'namespace/team created'],
    [['create', 'configmap', 'app', '--from-literal=a=1', '--from-literal=b=2'], 'configmap/app created'],
    [['create', 'secret', 'generic', 'creds', '--from-literal=password=s3cret'], 'secret/creds created'],
    [['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2'], 'deployment.apps/web created'],
    [['create', 'job', 'once', '--image=busybox:1.36'], 'job.batch/once created'],
    [['create', 'cronjob', 'nightly', '--image=busybox:1.36', '--schedule=0 3 * * *'], 'cronjob.batch/nightly created'],
    [['create', 'service', 'clusterip', 'web', '--tcp=80:8080'], 'service/web created'],
    [['create', 'serviceaccount', 'bot'], 'serviceaccount/bot created'],
    [['create', 'role', 'reader', '--verb=get,list', '--resource=pods'], 'role.rbac.authorization.k8s.io/reader created'],
    [['create', 'rolebinding', 'reader', '--role=reader', '--serviceaccount=default:bot'], 'rolebinding.rbac.authorization.k8s.io/reader created'],
    [['create', 'clusterrole', 'node-reader', '--verb=get', '--resource=nodes'], 'clusterrole.rbac.authorization.k8s.io/node-reader created'],
    [['create', 'clusterrolebinding', 'node-reader', '--clusterrole=node-reader', '--user=alice'], 'clusterrolebinding.rbac.authorization.k8s.io/node-reader created'],
    [['create', 'quota', 'small', '--hard=pods=10,cpu=4'], 'resourcequota/small created'],
    [['create', 'ingress', 'web', '--rule=shop.example.com/=web:80'], 'ingress.networking.k8s.io/web created'],
    [['create', 'poddisruptionbudget', 'web', '--selector=app=web', '--min-available=1'], 'poddisruptionbudget.policy/web created'],
    [['create', 'priorityclass', 'high', '--value=1000'], 'priorityclass.scheduling.k8s.io/high created'],
  ])('kubectl %j', async (args, line) => {
    expect(await ok(args)).toBe(`${line}\n`);
  });

  it('stores what the protobuf body carried', async () => {
    const configMap = JSON.parse(await ok(['get', 'configmap', 'app', '-o', 'json'])) as { data: Record<string, string> };
    expect(configMap.data).toEqual({ a: '1', b: '2' });
    const secret = JSON.parse(await ok(['get', 'secret', 'creds', '-o', 'json'])) as { data: Record<string, string>; type: string };
    expect(secret).toMatchObject({ type: 'Opaque', data: { password: Buffer.from('s3cret').toString('base64') } });
    const deployment = JSON.parse(await ok(['get', 'deployment', 'web', '-o', 'json'])) as { spec: { replicas: number; template: { spec: { containers: { image: string }[] } } } };
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.template.spec.containers[0]!.image).toBe('nginx:1.27');
    const service = JSON.parse(await ok(['get', 'service', 'web', '-o', 'json'])) as { spec: { ports: { port: number; targetPort: number }[] } };
    expect(service.spec.ports[0]).toMatchObject({ port: 80, targetPort: 8080 });
  });

  it('a duplicate is refused as against a real cluster', async () => {
    const result = await cluster.kubectl(['create', 'configmap', 'app']);
    expect(result).toMatchObject({ code: 1, stderr: 'error: failed to create configmap: configmaps "app" already exists\n' });
  });
});

describe('kubectl auth', () => {
  it('can-i answers yes', async () => {
    expect(await ok(['auth', 'can-i', 'create', 'pods'])).toBe('yes\n');
    expect(await ok(['auth', 'can-i', 'delete', 'nodes', '--all-namespaces'])).toBe('yes\n');
  });

  it('can-i --list prints the wildcard rules', async () => {
    const rows = (await ok(['auth', 'can-i', '--list'])).trim().split('\n').map((line) => line.trim().split(/\s{2,}/));
    expect(rows[0]).toEqual(['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']);
    expect(rows).toContainEqual(['*.*', '[]', '[]', '[*]']);
    expect(rows).toContainEqual(['[*]', '[]', '[*]']);
  });

  it('whoami prints the user', async () => {
    const rows = (await ok(['auth', 'whoami'])).trim().split('\n').map((line) => line.trim().split(/\s{2,}/));
    expect(rows).toEqual([
      ['ATTRIBUTE', 'VALUE'],
      ['Username', 'kubernetes-admin'],
      ['Groups', '[kubeadm:cluster-admins system:authenticated]'],
    ]);
  });
});

describe('kubectl create token', () => {
  it("prints a JWT for the namespace's default service account", async () => {
    const token = (await ok(['create', 'token', 'default'])).trim();
    const [, claims] = token.split('.');
    expect(JSON.parse(Buffer.from(claims!, 'base64url').toString())).toMatchObject({ sub: 'system:serviceaccount:default:default' });
  });
});

describe('kubectl drain', () => {
  // The simulated kubelets confirm the evictions (a pod on a node is deleted gracefully).
  let withKubelets: Cluster;
  beforeAll(async () => {
    withKubelets = await startCluster(withControllers);
  });
  afterAll(async () => {
    await withKubelets?.stop();
  });

  it('cordons the node and evicts its pods', async () => {
    const ok = async (args: string[], stdin?: string) => {
      const result = await withKubelets.kubectl(args, stdin === undefined ? {} : { stdin });
      expect(result.stderr, `kubectl ${args.join(' ')}`).toBe('');
      expect(result.code).toBe(0);
      return result.stdout;
    };
    for (const name of ['p1', 'p2']) {
      await ok(
        ['create', '-f', '-'],
        JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] } }),
      );
    }
    const result = await withKubelets.kubectl(['drain', 'node-1', '--force', '--timeout=30s']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual(
      expect.arrayContaining(['node/node-1 cordoned', 'evicting pod default/p1', 'evicting pod default/p2', 'pod/p1 evicted', 'pod/p2 evicted', 'node/node-1 drained']),
    );
    const node = JSON.parse(await ok(['get', 'node', 'node-1', '-o', 'json'])) as { spec: { unschedulable?: boolean } };
    expect(node.spec.unschedulable).toBe(true);
    expect(await ok(['get', 'pods', '-o', 'name'])).toBe('');
  });
});
