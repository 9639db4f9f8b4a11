import { describe, expect, it } from 'vitest';
import { row, storeOf } from './catalogue.test-util.js';
import type { KubeObject } from '../kube-object.js';

const store = (group: string, resource: string) => storeOf(group, resource);

const RBAC = 'rbac.authorization.k8s.io';

describe('ingresses', () => {
  const backend = { service: { name: 'web', port: { number: 80 } } };

  it('start with an empty load balancer status and print hosts and ports', async () => {
    const ingresses = await store('networking.k8s.io', 'ingresses');
    const { object } = await ingresses.create('default', {
      metadata: { name: 'web' },
      spec: { ingressClassName: 'nginx', tls: [{ hosts: ['a.example.com'] }], rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] },
    });
    expect(object.status).toEqual({ loadBalancer: {} });
    expect(object.metadata?.generation).toBe(1);
    expect(row(ingresses, object)).toEqual({ Name: 'web', Class: 'nginx', Hosts: 'a.example.com', Address: '', Ports: '80, 443', Age: '0s' });
  });

  it('reject rules without pathType or backend with the real messages', async () => {
    const ingresses = await store('networking.k8s.io', 'ingresses');
    await expect(ingresses.create('default', { metadata: { name: 'web' }, spec: {} })).rejects.toMatchObject({
      status: { message: 'Ingress.networking.k8s.io "web" is invalid: spec: Invalid value: null: either `defaultBackend` or `rules` must be specified' },
    });
    await expect(
      ingresses.create('default', { metadata: { name: 'web' }, spec: { rules: [{ http: { paths: [{ path: 'api', backend }] } }] } }),
    ).rejects.toMatchObject({
      status: { message: 'Ingress.networking.k8s.io "web" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified' },
    });
  });
});

describe('RBAC', () => {
  it('print roles with CREATED AT and check their rules', async () => {
    const roles = await store(RBAC, 'roles');
    const { object } = await roles.create('default', { metadata: { name: 'system:reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] });
    expect(row(roles, object)).toEqual({ Name: 'system:reader', 'Created At': '2026-01-01T12:00:00Z' });
    await expect(roles.create('default', { metadata: { name: 'bad' }, rules: [{ resources: ['pods'] }] })).rejects.toMatchObject({
      status: {
        message:
          'Role.rbac.authorization.k8s.io "bad" is invalid: [rules[0].verbs: Required value: verbs must contain at least one value, rules[0].apiGroups: Required value: resource rules must supply at least one api group]',
      },
    });
  });

  it('default and print bindings, and keep their roleRef', async () => {
    const bindings = await store(RBAC, 'rolebindings');
    const { object } = await bindings.create('default', {
      metadata: { name: 'read' },
      roleRef: { kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'User', name: 'jane' }, { kind: 'ServiceAccount', name: 'builder', namespace: 'ci' }],
    });
    expect(object).toMatchObject({ roleRef: { apiGroup: RBAC }, subjects: [{ apiGroup: RBAC }, { kind: 'ServiceAccount' }] });
    expect(row(bindings, object)).toEqual({ Name: 'read', Role: 'ClusterRole/view', Age: '0s', Users: 'jane', Groups: '', ServiceAccounts: 'ci/builder' });
    await expect(bindings.update('default', 'read', (current) => ({ ...structuredClone(current), roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'edit' } }) as KubeObject)).rejects.toMatchObject({
      status: { message: expect.stringContaining('roleRef: Invalid value: {"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"edit"}: cannot change roleRef') },
    });
    const clusterBindings = await store(RBAC, 'clusterrolebindings');
    await expect(clusterBindings.create(undefined, { metadata: { name: 'x' }, roleRef: { kind: 'Role', name: 'r' } })).rejects.toMatchObject({
      status: { message: 'ClusterRoleBinding.rbac.authorization.k8s.io "x" is invalid: roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"' },
    });
  });
});

describe('storage classes and leases', () => {
  it('default a StorageClass and keep its provisioner', async () => {
    const classes = await store('storage.k8s.io', 'storageclasses');
    const { object } = await classes.create(undefined, { metadata: { name: 'fast' }, provisioner: 'example.com/ssd' });
    expect(object).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
    expect(row(classes, object)).toEqual({ Name: 'fast', Provisioner: 'example.com/ssd', ReclaimPolicy: 'Delete', VolumeBindingMode: 'Immediate', AllowVolumeExpansion: false, Age: '0s' });
    await expect(classes.update(undefined, 'fast', (current) => ({ ...structuredClone(current), provisioner: 'example.com/hdd' }) as KubeObject)).rejects.toMatchObject({
      status: { message: 'StorageClass.storage.k8s.io "fast" is invalid: provisioner: Forbidden: updates to provisioner are forbidden.' },
    });
  });

  it('mark the default StorageClass in its name cell', async () => {
    const classes = await store('storage.k8s.io', 'storageclasses');
    const { object } = await classes.create(undefined, {
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'example.com/ssd',
    });
    expect(row(classes, object)).toMatchObject({ Name: 'standard (default)' });
  });

  it('print a Lease holder and check its duration', async () => {
    const leases = await store('coordination.k8s.io', 'leases');
    const { object } = await leases.create('kube-node-lease', { metadata: { name: 'node-1' }, spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40 } });
    expect(row(leases, object)).toEqual({ Name: 'node-1', Holder: 'node-1', Age: '0s' });
    await expect(leases.create('default', { metadata: { name: 'l' }, spec: { leaseDurationSeconds: 0 } })).rejects.toMatchObject({
      status: { message: 'Lease.coordination.k8s.io "l" is invalid: spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0' },
    });
  });
});
