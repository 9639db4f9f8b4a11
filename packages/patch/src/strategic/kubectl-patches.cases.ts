import type { JsonObject } from '../json.js';
import type { StrategicCase } from './strategic-merge-patch.cases.js';

/** The live Deployment of the kubectl cases: what the server stored, defaults included. */
const live = (containers: JsonObject[], extra: JsonObject = {}): JsonObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'demo', namespace: 'default', resourceVersion: '7', generation: 2, ...extra },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'demo' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      metadata: { labels: { app: 'demo' } },
      spec: { containers, restartPolicy: 'Always', volumes: [{ name: 'data', emptyDir: {} }] },
    },
  },
  status: { observedGeneration: 2, replicas: 1 },
});

const container = (name: string, fields: JsonObject = {}): JsonObject => ({
  name,
  image: 'nginx:1.27',
  imagePullPolicy: 'IfNotPresent',
  terminationMessagePath: '/dev/termination-log',
  ...fields,
});

/**
 * Patches exactly as kubectl 1.35 sends them (WIRE.md, and strategicpatch's
 * CreateThreeWayMergePatch, which kubectl apply uses, run on the manifests of each case).
 */
export const KUBECTL_CASES: readonly StrategicCase[] = [
  {
    name: 'kubectl apply: a changed image and env var, with $setElementOrder',
    original: live([container('c', { env: [{ name: 'A', value: '1' }] })]),
    patch: {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"Deployment"}\n' } },
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'c' }],
            containers: [{ '$setElementOrder/env': [{ name: 'A' }], env: [{ name: 'A', value: '2' }], image: 'nginx:1.28', name: 'c' }],
          },
        },
      },
    },
    result: {
      ...live([container('c', { image: 'nginx:1.28', env: [{ name: 'A', value: '2' }] })], {
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"Deployment"}\n' },
      }),
    },
  },
  {
    name: 'kubectl apply: a container and an env var removed from the manifest',
    original: live([container('c', { env: [{ name: 'A', value: '1' }, { name: 'B', value: 'b' }] }), container('side')]),
    patch: {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'c' }],
            containers: [
              { '$setElementOrder/env': [{ name: 'A' }], env: [{ $patch: 'delete', name: 'B' }], name: 'c' },
              { $patch: 'delete', name: 'side' },
            ],
          },
        },
      },
    },
    result: live([container('c', { env: [{ name: 'A', value: '1' }] })]),
  },
  {
    name: 'kubectl apply: strategy and volume source switched, a finalizer and an arg removed',
    original: live([container('c', { args: ['x', 'y'] })], { finalizers: ['a', 'b'] }),
    patch: {
      metadata: { '$deleteFromPrimitiveList/finalizers': ['a'], '$setElementOrder/finalizers': ['b'] },
      spec: {
        strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' },
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'c' }],
            '$setElementOrder/volumes': [{ name: 'data' }],
            containers: [{ args: ['x'], name: 'c' }],
            volumes: [{ $retainKeys: ['configMap', 'name'], configMap: { name: 'cm' }, emptyDir: null, name: 'data' }],
          },
        },
      },
    },
    result: (() => {
      const want = live([container('c', { args: ['x'] })], { finalizers: ['b'] });
      const spec = want.spec as JsonObject;
      spec.strategy = { type: 'Recreate' };
      ((spec.template as JsonObject).spec as JsonObject).volumes = [{ name: 'data', configMap: { name: 'cm' } }];
      return want;
    })(),
  },
  {
    name: 'kubectl rollout restart',
    original: live([container('c')]),
    patch: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:00:00Z' } } } } },
    result: (() => {
      const want = live([container('c')]);
      ((want.spec as JsonObject).template as JsonObject).metadata = {
        labels: { app: 'demo' },
        annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:00:00Z' },
      };
      return want;
    })(),
  },
  {
    name: 'kubectl set image',
    original: live([container('c'), container('side')]),
    patch: { spec: { template: { spec: { containers: [{ image: 'nginx:1.29', name: 'c' }] } } } },
    result: live([container('c', { image: 'nginx:1.29' }), container('side')]),
  },
  {
    name: 'kubectl cordon',
    kind: '/v1/Node',
    original: { metadata: { name: 'node-1' }, spec: { taints: [{ key: 'k', effect: 'NoSchedule' }] } },
    patch: { spec: { unschedulable: true } },
    result: { metadata: { name: 'node-1' }, spec: { taints: [{ key: 'k', effect: 'NoSchedule' }], unschedulable: true } },
  },
];
