import { describe, expect, it } from 'vitest';
import { row, storeOf } from './catalogue.test-util.js';
import type { KubeObject } from '../kube-object.js';

const podStore = () => storeOf('', 'pods');

const pod = (spec: Record<string, unknown>, name = 'web') => ({ metadata: { name }, spec });

describe('pods', () => {
  it('is created with the defaults, admission fields and status a real cluster shows', async () => {
    const store = await podStore();
    const { object } = await store.create('default', pod({ containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] }));
    const spec = object.spec as Record<string, unknown>;
    expect(spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      securityContext: {},
      enableServiceLinks: true,
      serviceAccountName: 'default',
      serviceAccount: 'default',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      containers: [
        {
          name: 'nginx',
          image: 'nginx',
          imagePullPolicy: 'Always',
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          resources: {},
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          volumeMounts: [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
        },
      ],
    });
    const volumes = spec.volumes as { name: string; projected: { defaultMode: number } }[];
    expect(volumes[0]!.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(volumes[0]!.projected.defaultMode).toBe(420);
    expect(object.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(object.metadata?.generation).toBe(1);
  });

  it('pulls a tagged image only if not present, and needs no token when automount is off', async () => {
    const store = await podStore();
    const { object } = await store.create(
      'default',
      pod({ automountServiceAccountToken: false, containers: [{ name: 'c', image: 'nginx:1.27' }] }),
    );
    const spec = object.spec as { containers: Record<string, unknown>[]; volumes?: unknown };
    expect(spec.containers[0]!.imagePullPolicy).toBe('IfNotPresent');
    expect(spec.volumes).toBeUndefined();
  });

  it('computes the QoS class, requests defaulting to limits', async () => {
    const store = await podStore();
    const guaranteed = await store.create('default', pod({ containers: [{ name: 'c', image: 'i', resources: { limits: { cpu: '1', memory: '1Gi' } } }] }, 'g'));
    expect(guaranteed.object.status).toMatchObject({ qosClass: 'Guaranteed' });
    expect((guaranteed.object.spec as { containers: { resources: unknown }[] }).containers[0]!.resources).toEqual({
      limits: { cpu: '1', memory: '1Gi' },
      requests: { cpu: '1', memory: '1Gi' },
    });
    const burstable = await store.create('default', pod({ containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '100m' } } }] }, 'b'));
    expect(burstable.object.status).toMatchObject({ qosClass: 'Burstable' });
  });

  it('rejects a pod without containers or images with the real messages', async () => {
    const store = await podStore();
    await expect(store.create('default', pod({}))).rejects.toMatchObject({
      status: { code: 422, reason: 'Invalid', message: 'Pod "web" is invalid: spec.containers: Required value' },
    });
    await expect(store.create('default', pod({ containers: [{ name: 'Web', ports: [{ containerPort: 70000 }] }] }))).rejects.toMatchObject({
      status: {
        message:
          'Pod "web" is invalid: [spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\'), spec.containers[0].image: Required value, spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive]',
      },
    });
    await expect(store.create('default', pod({ restartPolicy: 'Sometimes', containers: [{ name: 'a', image: 'i' }, { name: 'a', image: 'i' }] }))).rejects.toMatchObject({
      status: {
        message:
          'Pod "web" is invalid: [spec.containers[1].name: Duplicate value: "a", spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"]',
      },
    });
  });

  it('lets an update change images only, bumping the generation', async () => {
    const store = await podStore();
    const created = await store.create('default', pod({ containers: [{ name: 'c', image: 'nginx:1' }] }));
    const updated = await store.update('default', 'web', (current) => {
      const next = structuredClone(current) as { spec: { containers: { image: string }[] } };
      next.spec.containers[0]!.image = 'nginx:2';
      return next as KubeObject;
    });
    expect(updated.object.metadata?.generation).toBe(2);
    expect(updated.object.status).toEqual(created.object.status);
    await expect(
      store.update('default', 'web', (current) => {
        const next = structuredClone(current) as { spec: { restartPolicy: string } };
        next.spec.restartPolicy = 'Never';
        return next as KubeObject;
      }),
    ).rejects.toMatchObject({ status: { message: expect.stringMatching(/^Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,/) } });
  });

  it('selects on the pod fields the real server knows', async () => {
    const store = await podStore();
    await store.create('default', pod({ nodeName: 'node-1', containers: [{ name: 'c', image: 'i' }] }, 'a'));
    await store.create('default', pod({ containers: [{ name: 'c', image: 'i' }] }, 'b'));
    const { items } = await store.list({ fieldSelector: 'spec.nodeName=node-1,status.phase=Pending,spec.hostNetwork=false' });
    expect(items.map((item) => item.object.metadata?.name)).toEqual(['a']);
    await expect(store.list({ fieldSelector: 'spec.image=x' })).rejects.toMatchObject({ status: { code: 400 } });
  });
});

describe('pod columns', () => {
  const base = { metadata: { name: 'web', creationTimestamp: '2026-01-01T11:00:00Z' } };

  it('prints a new pod as Pending, 0/N ready, no restarts', async () => {
    const store = await podStore();
    const cells = row(store, { ...base, spec: { containers: [{ name: 'a' }, { name: 'b' }] }, status: { phase: 'Pending' } });
    expect(cells).toEqual({
      Name: 'web',
      Ready: '0/2',
      Status: 'Pending',
      Restarts: '0',
      Age: '60m',
      IP: '<none>',
      Node: '<none>',
      'Nominated Node': '<none>',
      'Readiness Gates': '<none>',
    });
  });

  it('prints a running pod with one of two containers ready and its last restart', async () => {
    const store = await podStore();
    const cells = row(store, {
      ...base,
      spec: { nodeName: 'node-1', containers: [{ name: 'a' }, { name: 'b' }] },
      status: {
        phase: 'Running',
        podIPs: [{ ip: '10.244.0.5' }],
        containerStatuses: [
          { name: 'a', ready: true, restartCount: 0, state: { running: {} } },
          {
            name: 'b',
            ready: false,
            restartCount: 3,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, finishedAt: '2026-01-01T11:55:00Z' } },
          },
        ],
      },
    });
    expect(cells).toMatchObject({ Ready: '1/2', Status: 'CrashLoopBackOff', Restarts: '3 (5m ago)', IP: '10.244.0.5', Node: 'node-1' });
  });

  it('prints ContainerCreating, Completed and Terminating as kubectl shows them', async () => {
    const store = await podStore();
    const waiting = row(store, {
      ...base,
      spec: { containers: [{ name: 'a' }] },
      status: { phase: 'Pending', containerStatuses: [{ name: 'a', ready: false, state: { waiting: { reason: 'ContainerCreating' } } }] },
    });
    expect(waiting.Status).toBe('ContainerCreating');
    const completed = row(store, {
      ...base,
      spec: { containers: [{ name: 'a' }] },
      status: { phase: 'Succeeded', containerStatuses: [{ name: 'a', ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] },
    });
    expect(completed.Status).toBe('Completed');
    const terminating = row(store, {
      metadata: { ...base.metadata, deletionTimestamp: '2026-01-01T11:59:00Z' },
      spec: { containers: [{ name: 'a' }] },
      status: { phase: 'Running', containerStatuses: [{ name: 'a', ready: true, state: { running: {} } }] },
    });
    expect(terminating).toMatchObject({ Status: 'Terminating', Ready: '1/1' });
    const initializing = row(store, {
      ...base,
      spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'a' }] },
      status: { phase: 'Pending', initContainerStatuses: [{ name: 'init', state: { running: {} } }] },
    });
    expect(initializing.Status).toBe('Init:0/1');
  });
});
