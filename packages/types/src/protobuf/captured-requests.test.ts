import { describe, expect, it } from 'vitest';
import { CAPTURED } from './fixtures/captured-requests.js';
import { decodeKubernetesProtobuf, encodeKubernetesProtobuf } from './index.js';

function decode(name: keyof typeof CAPTURED & string) {
  const captured = CAPTURED[name];
  if (!captured) throw new Error(`no fixture ${name}`);
  return decodeKubernetesProtobuf(Buffer.from(captured.body, 'base64'));
}

// What the same command sends as JSON (kubectl -o json --dry-run=client), after the server's JSON
// decoder has dropped `creationTimestamp: null`: the protobuf body must decode to the same thing.
describe('bodies the real clients send', () => {
  it('kubectl create configmap', () => {
    const { apiVersion, kind, object } = decode('configmap');
    expect([apiVersion, kind]).toEqual(['v1', 'ConfigMap']);
    expect(object).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x' },
      data: { a: 'b', greeting: 'hello world' },
    });
  });

  it('kubectl create secret generic', () => {
    expect(decode('secret').object).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      data: { password: Buffer.from('s3cr3t').toString('base64') },
    });
  });

  it('kubectl create namespace', () => {
    expect(decode('namespace').object).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'ns1' },
      spec: {},
      status: {},
    });
  });

  it('kubectl create deployment', () => {
    expect(decode('deployment').object).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: {} }] },
        },
        strategy: {},
      },
      status: {},
    });
  });

  it('kubectl create service clusterip (an int targetPort)', () => {
    expect(decode('service').object).toMatchObject({
      kind: 'Service',
      metadata: { name: 'svc', labels: { app: 'svc' } },
      spec: { ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }], selector: { app: 'svc' }, type: 'ClusterIP' },
    });
  });

  it('kubectl create cronjob', () => {
    expect(decode('cronjob').object).toMatchObject({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      spec: {
        schedule: '*/5 * * * *',
        jobTemplate: {
          metadata: { name: 'cj' },
          spec: {
            template: {
              spec: { containers: [{ name: 'cj', image: 'busybox', command: ['echo', 'hi'] }], restartPolicy: 'OnFailure' },
            },
          },
        },
      },
    });
  });

  it('kubectl create role and rolebinding', () => {
    expect(decode('role').object).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'reader' },
      rules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }],
    });
    expect(decode('rolebinding').object).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'rb' },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
    });
  });

  it('kubectl create token', () => {
    expect(decode('token').object).toEqual({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      metadata: {},
      spec: { audiences: ['api'], expirationSeconds: 3600 },
      status: {},
    });
  });

  it('kubectl auth whoami, can-i and can-i --list', () => {
    expect(decode('whoami').object).toEqual({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
      metadata: {},
      status: { userInfo: {} },
    });
    expect(decode('canI').object).toEqual({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      metadata: {},
      spec: { resourceAttributes: { namespace: 'default', verb: 'create', resource: 'pods' } },
      // `allowed` has no omitempty: Go's JSON would send it too.
      status: { allowed: false },
    });
    expect(decode('canIList').object).toEqual({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectRulesReview',
      metadata: {},
      spec: { namespace: 'default' },
      status: { incomplete: false },
    });
  });

  it("helm's release Secret update and its DeleteOptions", () => {
    const secret = decode('helmReleaseSecretPut').object;
    expect(secret).toMatchObject({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'sh.helm.release.v1.rel1.v1', labels: { name: 'rel1', owner: 'helm', status: 'uninstalling', version: '1' } },
      type: 'helm.sh/release.v1',
    });
    const release = (secret.data as Record<string, string>).release!;
    // data.release is base64(gzip(JSON)), itself base64 in JSON as every []byte.
    expect(Buffer.from(Buffer.from(release, 'base64').toString(), 'base64').subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(decode('helmReleaseSecretDelete')).toEqual({
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      object: { apiVersion: 'v1', kind: 'DeleteOptions' },
    });
  });

  it('re-encodes each body to bytes that decode to the same object', () => {
    for (const name of Object.keys(CAPTURED)) {
      const { object } = decode(name);
      const again = decodeKubernetesProtobuf(encodeKubernetesProtobuf(object));
      expect(again.object, name).toEqual(object);
    }
  });
});
