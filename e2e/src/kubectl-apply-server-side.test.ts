import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, backends, startCluster } from './harness.js';

// Real kubectl v1.35 with server-side apply: create, unchanged re-apply, conflicts between
// managers (text and exit code as against a real cluster), --force-conflicts, removal of fields
// that left the manifest, --dry-run=server, diff --server-side, managed fields in their real
// shape, and the move from client-side to server-side apply.

let cluster: Cluster;

const CONFLICT_HELP = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
`;

interface Env {
  name: string;
  value: string;
}

/** The manifest; without `replicas` when it is undefined. */
const deployment = (replicas: number | undefined, image: string, env: Env[]) =>
  JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'ssa', labels: { app: 'ssa' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'ssa' } },
      template: { metadata: { labels: { app: 'ssa' } }, spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }], env }] } },
    },
  });

async function ok(args: string[], stdin?: string) {
  const result = await cluster.kubectl(args, { ...(stdin !== undefined && { stdin }) });
  expect(result.stderr, `kubectl ${args.join(' ')}`).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

interface Live {
  metadata: { resourceVersion: string; annotations?: Record<string, string>; managedFields?: { manager: string; operation: string; fieldsV1: unknown }[] };
  data?: Record<string, string>;
  spec: { replicas: number; template: { spec: { containers: { image: string; env?: Env[] }[] } } };
}

async function live(resource: string): Promise<Live> {
  return JSON.parse(await ok(['get', resource, '-o', 'json', '--show-managed-fields']));
}

// The same suite on each storage backend: memory, and etcd when it is installed.
describe.each(backends())('on $name storage', ({ start }) => {
  beforeAll(async () => {
    cluster = await startCluster(start);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  describe('kubectl apply --server-side', () => {
    const A = { name: 'A', value: '1' };
    const B = { name: 'B', value: '2' };

    it('creates, then re-applies without a write', async () => {
      expect(await ok(['apply', '--server-side', '-f', '-'], deployment(2, 'nginx:1.27', [A, B]))).toBe('deployment.apps/ssa serverside-applied\n');
      const before = await live('deployment/ssa');
      expect(await ok(['apply', '--server-side', '-f', '-'], deployment(2, 'nginx:1.27', [A, B]))).toBe('deployment.apps/ssa serverside-applied\n');
      expect((await live('deployment/ssa')).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    });

    it('shows the managed fields in the real shape', async () => {
      const yaml = await ok(['get', 'deployment', 'ssa', '-o', 'yaml', '--show-managed-fields']);
      expect(yaml).toContain(`  managedFields:
  - apiVersion: apps/v1
    fieldsType: FieldsV1
    fieldsV1:
      f:metadata:
        f:labels:
          f:app: {}
      f:spec:
        f:replicas: {}
        f:selector: {}
        f:template:
          f:metadata:
            f:labels:
              f:app: {}
          f:spec:
            f:containers:
              k:{"name":"nginx"}:
                .: {}
                f:env:
                  k:{"name":"A"}:
                    .: {}
                    f:name: {}
                    f:value: {}
                  k:{"name":"B"}:
                    .: {}
                    f:name: {}
                    f:value: {}
                f:image: {}
                f:name: {}
                f:ports:
                  k:{"containerPort":80,"protocol":"TCP"}:
                    .: {}
                    f:containerPort: {}
    manager: kubectl
    operation: Apply
    time: "`);
      expect(await ok(['get', 'deployment', 'ssa', '-o', 'yaml'])).not.toContain('managedFields');
    });

    it("fails on another manager's field with the real conflict text and exit code 1", async () => {
      const result = await cluster.kubectl(['apply', '--server-side', '--field-manager=bob', '-f', '-'], { stdin: deployment(3, 'nginx:1.27', [A, B]) });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`error: Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas\n${CONFLICT_HELP}`);
    });

    it('takes the field with --force-conflicts', async () => {
      expect(await ok(['apply', '--server-side', '--field-manager=bob', '--force-conflicts', '-f', '-'], deployment(3, 'nginx:1.27', [A, B]))).toBe(
        'deployment.apps/ssa serverside-applied\n',
      );
      const object = await live('deployment/ssa');
      expect(object.spec.replicas).toBe(3);
      const owners = (manager: string) => JSON.stringify(object.metadata.managedFields?.find((entry) => entry.manager === manager)?.fieldsV1);
      expect(owners('bob')).toContain('"f:replicas"');
      expect(owners('kubectl')).not.toContain('"f:replicas"');
    });

    it('removes a field that left the manifest once no manager owns it', async () => {
      await ok(['apply', '--server-side', '--field-manager=bob', '-f', '-'], deployment(3, 'nginx:1.27', [A]));
      // kubectl still applies B: it stays.
      expect((await live('deployment/ssa')).spec.template.spec.containers[0]!.env).toEqual([A, B]);
      await ok(['apply', '--server-side', '-f', '-'], deployment(undefined, 'nginx:1.27', [A]));
      expect((await live('deployment/ssa')).spec.template.spec.containers[0]!.env).toEqual([A]);
    });

    it('--dry-run=server and diff --server-side change nothing', async () => {
      const before = await live('deployment/ssa');
      const changed = deployment(3, 'nginx:1.28', [A]);
      expect(await ok(['apply', '--server-side', '--field-manager=bob', '--force-conflicts', '--dry-run=server', '-f', '-'], changed)).toBe(
        'deployment.apps/ssa serverside-applied (server dry run)\n',
      );
      const diff = await cluster.kubectl(['diff', '--server-side', '--field-manager=bob', '--force-conflicts', '-f', '-'], { stdin: changed });
      expect(diff.code).toBe(1);
      expect(diff.stdout).toMatch(/^-\s+image: nginx:1\.27$/m);
      expect(diff.stdout).toMatch(/^\+\s+image: nginx:1\.28$/m);
      expect((await live('deployment/ssa')).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    });

    it('applies to an object kubectl create made, sharing the fields whose values agree', async () => {
      await ok(['create', 'configmap', 'made', '--from-literal=a=1']);
      const manifest = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'made' }, data: { a: '1', b: '2' } });
      expect(await ok(['apply', '--server-side', '-f', '-'], manifest)).toBe('configmap/made serverside-applied\n');
      const object = await live('configmap/made');
      expect(object.data).toEqual({ a: '1', b: '2' });
      expect(object.metadata.managedFields?.map((entry) => [entry.manager, entry.operation])).toEqual([
        ['kubectl', 'Apply'],
        ['kubectl-create', 'Update'],
      ]);
      const changed = await cluster.kubectl(['apply', '--server-side', '-f', '-'], { stdin: manifest.replace('"a":"1"', '"a":"9"') });
      expect(changed.code).toBe(1);
      expect(changed.stderr).toBe(`error: Apply failed with 1 conflict: conflict with "kubectl-create" using v1: .data.a\n${CONFLICT_HELP}`);
    });

    it('takes over from client-side apply: the conflict is allowed and ownership migrates', async () => {
      const manifest = (b: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'migrated' }, data: { a: '1', b } });
      expect(await ok(['apply', '-f', '-'], manifest('2'))).toBe('configmap/migrated created\n');
      expect(await ok(['apply', '--server-side', '-f', '-'], manifest('3'))).toBe('configmap/migrated serverside-applied\n');
      const object = await live('configmap/migrated');
      expect(object.data).toEqual({ a: '1', b: '3' });
      expect(object.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBe(
        '{"apiVersion":"v1","data":{"a":"1","b":"3"},"kind":"ConfigMap","metadata":{"name":"migrated","namespace":"default"}}\n',
      );
      const managers = object.metadata.managedFields?.map((entry) => entry.manager);
      expect(managers).toContain('kubectl');
      expect(managers).not.toContain('kubectl-client-side-apply');
      // Back to client-side apply: it reads the annotation the server kept in step.
      expect(await ok(['apply', '-f', '-'], manifest('4'))).toBe('configmap/migrated configured\n');
      expect((await live('configmap/migrated')).data).toEqual({ a: '1', b: '4' });
    });

    it('records kubectl label, edit-like patches and scale as Update entries of their own', async () => {
      await ok(['label', 'configmap', 'made', 'env=prod']);
      await ok(['scale', 'deployment', 'ssa', '--replicas=4']);
      const managers = (object: Live) => object.metadata.managedFields?.map((entry) => entry.manager);
      expect(managers(await live('configmap/made'))).toContain('kubectl-label');
      const scaled = await live('deployment/ssa');
      expect(scaled.metadata.managedFields?.find((entry) => entry.manager === 'kubectl')).toBeDefined();
      expect(JSON.stringify(scaled.metadata.managedFields?.find((entry) => entry.operation === 'Update'))).toContain('"subresource":"scale"');
    });
  });
});
