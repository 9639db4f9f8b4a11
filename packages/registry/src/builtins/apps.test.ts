import { describe, expect, it } from 'vitest';
import { row, storeOf } from './catalogue.test-util.js';
import type { KubeObject } from '../kube-object.js';

const apps = (resource: string) => storeOf('apps', resource);

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };
const workload = (spec: Record<string, unknown> = {}) => ({ metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template, ...spec } });
const edit = (change: (object: { spec: Record<string, unknown>; metadata: Record<string, unknown> }) => void) => (current: Readonly<KubeObject>) => {
  const next = structuredClone(current) as { spec: Record<string, unknown>; metadata: Record<string, unknown> };
  change(next);
  return next as KubeObject;
};

describe('deployments', () => {
  it('gets the apps/v1 and pod template defaults, an empty status and generation 1', async () => {
    const store = await apps('deployments');
    const { object } = await store.create('default', workload());
    expect(object.spec).toMatchObject({
      replicas: 1,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      template: {
        spec: {
          restartPolicy: 'Always',
          dnsPolicy: 'ClusterFirst',
          terminationGracePeriodSeconds: 30,
          schedulerName: 'default-scheduler',
          securityContext: {},
          containers: [{ imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} }],
        },
      },
    });
    // Only a Pod gets enableServiceLinks and the admission fields, not its template.
    expect((object.spec as { template: { spec: Record<string, unknown> } }).template.spec.enableServiceLinks).toBeUndefined();
    expect(object.status).toEqual({});
    expect(object.metadata?.generation).toBe(1);
  });

  it('rejects a Deployment without selector with both of the real errors', async () => {
    const store = await apps('deployments');
    await expect(store.create('default', { metadata: { name: 'web' }, spec: { template } })).rejects.toMatchObject({
      status: {
        message:
          'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`]',
        details: { group: 'apps', kind: 'Deployment', causes: [{ reason: 'FieldValueRequired', field: 'spec.selector' }, { reason: 'FieldValueInvalid', field: 'spec.template.metadata.labels' }] },
      },
    });
    await expect(store.create('default', workload({ template: { metadata: template.metadata, spec: {} } }))).rejects.toMatchObject({
      status: { message: 'Deployment.apps "web" is invalid: spec.template.spec.containers: Required value' },
    });
  });

  it('bumps the generation on a spec change only, and keeps the selector', async () => {
    const store = await apps('deployments');
    await store.create('default', workload());
    const labelled = await store.update('default', 'web', edit((d) => (d.metadata.labels = { team: 'a' })));
    expect(labelled.object.metadata?.generation).toBe(1);
    const scaled = await store.update('default', 'web', edit((d) => (d.spec.replicas = 3)));
    expect(scaled.object.metadata?.generation).toBe(2);
    // Annotations are copied to ReplicaSets, so they count as a new generation too.
    const annotated = await store.update('default', 'web', edit((d) => (d.metadata.annotations = { note: 'x' })));
    expect(annotated.object.metadata?.generation).toBe(3);
    await expect(store.update('default', 'web', edit((d) => (d.spec.selector = { matchLabels: { app: 'other' } })))).rejects.toMatchObject({
      status: { message: expect.stringContaining('spec.selector: Invalid value: {"matchLabels":{"app":"other"}}: field is immutable') },
    });
  });

  it('prints READY, UP-TO-DATE, AVAILABLE and the wide columns', async () => {
    const store = await apps('deployments');
    const { object } = await store.create('default', workload({ replicas: 3 }));
    const cells = row(store, { ...object, metadata: { ...object.metadata, creationTimestamp: '2026-01-01T11:00:00Z' }, status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } });
    expect(cells).toEqual({ Name: 'web', Ready: '2/3', 'Up-to-date': 3, Available: 2, Age: '60m', Containers: 'web', Images: 'nginx:1.27', Selector: 'app=web' });
  });
});

describe('replicasets, statefulsets and daemonsets', () => {
  it('creates a ReplicaSet with replicas: 0 in its status and selects on status.replicas', async () => {
    const store = await apps('replicasets');
    const { object } = await store.create('default', workload());
    expect(object.status).toEqual({ replicas: 0 });
    expect(row(store, object)).toMatchObject({ Desired: 1, Current: 0, Ready: 0, Selector: 'app=web' });
    expect((await store.list({ fieldSelector: 'status.replicas=0' })).items).toHaveLength(1);
  });

  it('defaults a StatefulSet and its claim templates, and forbids other spec updates', async () => {
    const store = await apps('statefulsets');
    const { object } = await store.create(
      'default',
      workload({ serviceName: 'web', volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] }),
    );
    expect(object.spec).toMatchObject({
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      replicas: 1,
      revisionHistoryLimit: 10,
      volumeClaimTemplates: [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' } }],
    });
    expect(object.status).toEqual({ replicas: 0, availableReplicas: 0 });
    expect(row(store, object)).toMatchObject({ Ready: '0/1', Containers: 'web', Images: 'nginx:1.27' });
    await expect(store.update('default', 'web', edit((s) => (s.spec.serviceName = 'other')))).rejects.toMatchObject({
      status: {
        message:
          "StatefulSet.apps \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      },
    });
    await expect(store.create('default', { ...workload(), metadata: { name: 'web.v1' } })).rejects.toMatchObject({
      status: { message: expect.stringContaining('metadata.name: Invalid value: "web.v1": must not contain dots') },
    });
  });

  it('numbers a DaemonSet template generation and prints its counters', async () => {
    const store = await apps('daemonsets');
    const { object } = await store.create('default', workload());
    expect(object.spec).toMatchObject({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10 });
    expect(object.metadata?.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });
    expect(object.status).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
    const updated = await store.update('default', 'web', edit((d) => ((d.spec.template as typeof template).spec.containers[0]!.image = 'nginx:2')));
    expect(updated.object.metadata?.annotations).toEqual({ 'deprecated.daemonset.template.generation': '2' });
    expect(row(store, object)).toMatchObject({ Desired: 0, Current: 0, Ready: 0, 'Up-to-date': 0, Available: 0, 'Node Selector': '<none>', Selector: 'app=web' });
  });
});
