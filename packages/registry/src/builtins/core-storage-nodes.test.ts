import { describe, expect, it } from 'vitest';
import { row, storeOf } from './catalogue.test-util.js';
import type { KubeObject } from '../kube-object.js';

const core = (resource: string) => storeOf('', resource);

describe('nodes', () => {
  const node = {
    metadata: { name: 'node-1', labels: { 'node-role.kubernetes.io/control-plane': '' } },
    spec: { podCIDR: '10.244.0.0/24' },
    status: {
      capacity: { cpu: '4' },
      conditions: [{ type: 'Ready', status: 'True' }],
      addresses: [{ type: 'InternalIP', address: '172.18.0.2' }],
      nodeInfo: { kubeletVersion: 'v1.35.0', osImage: 'Debian GNU/Linux 12', kernelVersion: '6.1.0', containerRuntimeVersion: 'containerd://2.0.0' },
    },
  };

  it('keep the status a kubelet registers them with, and print it', async () => {
    const store = await core('nodes');
    const { object } = await store.create(undefined, node);
    expect(object.status).toMatchObject({ allocatable: { cpu: '4' }, conditions: [{ type: 'Ready', status: 'True' }] });
    // TaintNodesByCondition: a new Node is tainted not-ready.
    expect(object.spec).toEqual({
      podCIDR: '10.244.0.0/24',
      podCIDRs: ['10.244.0.0/24'],
      taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }],
    });
    expect(row(store, object)).toEqual({
      Name: 'node-1',
      Status: 'Ready',
      Roles: 'control-plane',
      Age: '0s',
      Version: 'v1.35.0',
      'Internal-IP': '172.18.0.2',
      'External-IP': '<none>',
      'OS-Image': 'Debian GNU/Linux 12',
      'Kernel-Version': '6.1.0',
      'Container-Runtime': 'containerd://2.0.0',
    });
  });

  it('show a cordon in STATUS and select on spec.unschedulable', async () => {
    const store = await core('nodes');
    await store.create(undefined, node);
    const cordoned = await store.update(undefined, 'node-1', (current) => ({ ...structuredClone(current), spec: { ...(current.spec as object), unschedulable: true } }) as KubeObject);
    expect(row(store, cordoned.object).Status).toBe('Ready,SchedulingDisabled');
    expect((await store.list({ fieldSelector: 'spec.unschedulable=true' })).items).toHaveLength(1);
    await expect(
      store.update(undefined, 'node-1', (current) => ({ ...structuredClone(current), spec: { podCIDRs: ['10.245.0.0/24'] } }) as KubeObject),
    ).rejects.toMatchObject({ status: { message: 'Node "node-1" is invalid: spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid' } });
  });

  it('reject taints with an unknown effect', async () => {
    const store = await core('nodes');
    await expect(store.create(undefined, { metadata: { name: 'n' }, spec: { taints: [{ key: 'a', effect: 'Never' }] } })).rejects.toMatchObject({
      status: { message: 'Node "n" is invalid: spec.taints[0].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"' },
    });
  });
});

describe('persistent volumes and claims', () => {
  it('default a volume to Retain and Filesystem, Pending since its creation', async () => {
    const store = await core('persistentvolumes');
    const { object } = await store.create(undefined, {
      metadata: { name: 'pv1' },
      spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], hostPath: { path: '/data' }, storageClassName: 'manual' },
    });
    expect(object.spec).toMatchObject({ persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem', hostPath: { path: '/data' } });
    expect(object.status).toEqual({ phase: 'Pending', lastPhaseTransitionTime: '2026-01-01T12:00:00Z' });
    expect(row(store, object)).toEqual({
      Name: 'pv1',
      Capacity: '5Gi',
      'Access Modes': 'RWO,ROX',
      'Reclaim Policy': 'Retain',
      Status: 'Pending',
      Claim: '',
      StorageClass: 'manual',
      VolumeAttributesClass: '<unset>',
      Reason: '',
      Age: '0s',
      VolumeMode: 'Filesystem',
    });
    await expect(store.create(undefined, { metadata: { name: 'pv2' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] } })).rejects.toMatchObject({
      status: { message: 'PersistentVolume "pv2" is invalid: spec: Required value: must specify a volume type' },
    });
  });

  it('create a claim Pending and keep its spec', async () => {
    const store = await core('persistentvolumeclaims');
    await expect(store.create('default', { metadata: { name: 'c' }, spec: {} })).rejects.toMatchObject({
      status: { message: 'PersistentVolumeClaim "c" is invalid: [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]' },
    });
    const { object } = await store.create('default', { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    expect(object.spec).toMatchObject({ volumeMode: 'Filesystem' });
    expect(object.status).toEqual({ phase: 'Pending' });
    expect(row(store, object)).toMatchObject({ Status: 'Pending', Volume: '', Capacity: '', 'Access Modes': '', StorageClass: '' });
    await expect(
      store.update('default', 'data', (current) => ({ ...structuredClone(current), spec: { ...(current.spec as object), accessModes: ['ReadWriteMany'] } }) as KubeObject),
    ).rejects.toMatchObject({
      status: { message: 'PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims' },
    });
  });
});
