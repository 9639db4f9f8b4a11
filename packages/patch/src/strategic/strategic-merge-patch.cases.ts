import type { JsonObject } from '../json.js';
import type { PatchErrorCode } from '../patch-error.js';

/**
 * Strategic merge patch cases, written from the Kubernetes documentation ("Update API Objects in
 * Place Using kubectl patch", the strategic-merge-patch and preserve-order design documents) and
 * checked against k8s.io/apimachinery's strategicpatch (StrategicMergeMapPatch) run on the same input.
 */
export interface StrategicCase {
  readonly name: string;
  /** `group/version/Kind`; a Deployment unless said. */
  readonly kind?: string;
  readonly original: JsonObject;
  readonly patch: JsonObject;
  readonly result?: JsonObject;
  readonly error?: { readonly code: PatchErrorCode; readonly message: string };
}

const podSpec = (spec: JsonObject): JsonObject => ({ spec: { template: { spec } } });

export const STRATEGIC_CASES: readonly StrategicCase[] = [
  // Maps and scalars
  {
    name: 'maps merge recursively and scalars are replaced',
    original: { metadata: { name: 'web', labels: { app: 'web' } }, spec: { replicas: 1, paused: false } },
    patch: { metadata: { labels: { tier: 'front' } }, spec: { replicas: 3 } },
    result: { metadata: { name: 'web', labels: { app: 'web', tier: 'front' } }, spec: { replicas: 3, paused: false } },
  },
  {
    name: 'null deletes a field; a null for a missing field is dropped',
    original: { metadata: { name: 'web', labels: { app: 'web', tier: 'front' } }, spec: { replicas: 1 } },
    patch: { metadata: { labels: { tier: null, absent: null } }, spec: { replicas: null, paused: null } },
    result: { metadata: { name: 'web', labels: { app: 'web' } }, spec: {} },
  },
  {
    name: 'a field new to the object is taken from the patch without its nulls',
    original: { metadata: { name: 'web' } },
    patch: { metadata: { annotations: { a: '1', b: null } }, spec: { template: { metadata: { labels: { x: null } } } } },
    result: { metadata: { name: 'web', annotations: { a: '1' } }, spec: { template: { metadata: { labels: {} } } } },
  },
  {
    name: 'a value of another type replaces the field',
    original: { metadata: { name: 'web', labels: { app: 'web' } } },
    patch: { metadata: { labels: 'oops' } },
    result: { metadata: { name: 'web', labels: 'oops' } },
  },
  {
    name: 'a map field with strategy replace is replaced (PodDisruptionBudget selector)',
    kind: 'policy/v1/PodDisruptionBudget',
    original: { spec: { selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'k', operator: 'Exists' }] } } },
    patch: { spec: { selector: { matchLabels: { app: 'api' } } } },
    result: { spec: { selector: { matchLabels: { app: 'api' } } } },
  },

  // Lists merged by their merge key
  {
    name: 'containers merge by name: a changed container keeps its other fields',
    original: podSpec({ containers: [{ name: 'web', image: 'nginx:1.27', args: ['-g'] }, { name: 'log', image: 'busybox' }] }),
    patch: podSpec({ containers: [{ name: 'web', image: 'nginx:1.28' }] }),
    result: podSpec({ containers: [{ name: 'web', image: 'nginx:1.28', args: ['-g'] }, { name: 'log', image: 'busybox' }] }),
  },
  {
    name: 'a new element lands right after the patch element before it, ahead of the server-only ones',
    original: podSpec({ containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] }),
    patch: podSpec({ containers: [{ name: 'b', image: 'x' }, { name: 'd' }] }),
    result: podSpec({ containers: [{ name: 'a' }, { name: 'b', image: 'x' }, { name: 'd' }, { name: 'c' }] }),
  },
  {
    name: 'new elements go first, in patch order, when the patch names no existing element',
    original: podSpec({ containers: [{ name: 'a' }] }),
    patch: podSpec({ containers: [{ name: 'z' }, { name: 'y' }] }),
    result: podSpec({ containers: [{ name: 'z' }, { name: 'y' }, { name: 'a' }] }),
  },
  {
    name: 'nested merge lists: ports by containerPort, env by name, volumeMounts by mountPath',
    original: podSpec({
      containers: [
        {
          name: 'web',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
          volumeMounts: [{ name: 'data', mountPath: '/data' }],
        },
      ],
    }),
    patch: podSpec({
      containers: [
        {
          name: 'web',
          ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }],
          env: [{ name: 'B', value: '3' }],
          volumeMounts: [{ mountPath: '/data', readOnly: true }, { name: 'cache', mountPath: '/cache' }],
        },
      ],
    }),
    result: podSpec({
      containers: [
        {
          name: 'web',
          ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }, { containerPort: 443 }],
          env: [{ name: 'A', value: '1' }, { name: 'B', value: '3' }],
          volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true }, { name: 'cache', mountPath: '/cache' }],
        },
      ],
    }),
  },
  {
    name: 'a null inside a merged element deletes that field',
    original: podSpec({ containers: [{ name: 'web', image: 'nginx', command: ['sh'] }] }),
    patch: podSpec({ containers: [{ name: 'web', command: null }] }),
    result: podSpec({ containers: [{ name: 'web', image: 'nginx' }] }),
  },
  {
    name: 'ownerReferences merge by uid',
    original: { metadata: { ownerReferences: [{ uid: 'u1', name: 'a', kind: 'ReplicaSet' }] } },
    patch: { metadata: { ownerReferences: [{ uid: 'u1', controller: true }, { uid: 'u2', name: 'b' }] } },
    result: { metadata: { ownerReferences: [{ uid: 'u1', name: 'a', kind: 'ReplicaSet', controller: true }, { uid: 'u2', name: 'b' }] } },
  },
  {
    name: 'Service ports merge by port',
    kind: '/v1/Service',
    original: { spec: { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] } },
    patch: { spec: { ports: [{ port: 80, targetPort: 9090 }, { port: 443 }] } },
    result: { spec: { ports: [{ port: 80, targetPort: 9090, protocol: 'TCP' }, { port: 443 }] } },
  },

  // Lists without a merge strategy, and primitive lists
  {
    name: 'lists without a patch strategy are replaced: tolerations, args',
    original: podSpec({ tolerations: [{ key: 'a', operator: 'Exists' }], containers: [{ name: 'web', args: ['-a', '-b'] }] }),
    patch: podSpec({ tolerations: [{ key: 'b', operator: 'Exists' }], containers: [{ name: 'web', args: ['-c'] }] }),
    result: podSpec({ tolerations: [{ key: 'b', operator: 'Exists' }], containers: [{ name: 'web', args: ['-c'] }] }),
  },
  {
    name: 'a replaced list is taken as it is, nulls included',
    original: podSpec({ tolerations: [{ key: 'a' }] }),
    patch: podSpec({ tolerations: [{ key: 'b', value: null }] }),
    result: podSpec({ tolerations: [{ key: 'b', value: null }] }),
  },
  {
    name: 'finalizers (a primitive list with strategy merge) take the union',
    original: { metadata: { finalizers: ['a', 'b'] } },
    patch: { metadata: { finalizers: ['c', 'a'] } },
    result: { metadata: { finalizers: ['c', 'a', 'b'] } },
  },
  {
    name: '$deleteFromPrimitiveList removes values from a primitive list',
    original: { metadata: { finalizers: ['a', 'b', 'c'] } },
    patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['b', 'x'] } },
    result: { metadata: { finalizers: ['a', 'c'] } },
  },
  {
    name: '$setElementOrder orders a primitive list (with a deletion, as kubectl sends it)',
    original: { metadata: { finalizers: ['a', 'b', 'c'] } },
    patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'], '$setElementOrder/finalizers': ['c', 'd', 'b'], finalizers: ['d'] } },
    result: { metadata: { finalizers: ['c', 'd', 'b'] } },
  },

  // $patch
  {
    name: '$patch: delete removes the list element with that merge key',
    original: podSpec({ containers: [{ name: 'web', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }] }),
    patch: podSpec({ containers: [{ name: 'web', env: [{ name: 'A', $patch: 'delete' }] }] }),
    result: podSpec({ containers: [{ name: 'web', env: [{ name: 'B', value: '2' }] }] }),
  },
  {
    name: '$patch: replace in a list makes the patch list the whole list',
    original: podSpec({ containers: [{ name: 'a', image: 'x' }, { name: 'b' }] }),
    patch: podSpec({ containers: [{ name: 'a' }, { $patch: 'replace' }] }),
    result: podSpec({ containers: [{ name: 'a' }] }),
  },
  {
    name: '$patch: replace on a map replaces the map',
    original: podSpec({ securityContext: { runAsUser: 1, fsGroup: 2 } }),
    patch: podSpec({ securityContext: { $patch: 'replace', runAsGroup: 3 } }),
    result: podSpec({ securityContext: { runAsGroup: 3 } }),
  },
  {
    name: '$patch: delete on a map leaves an empty map where the field was',
    original: { spec: { strategy: { type: 'Recreate' }, replicas: 1 } },
    patch: { spec: { strategy: { $patch: 'delete' } } },
    result: { spec: { strategy: {}, replicas: 1 } },
  },
  {
    name: '$patch maps never reach fields the original lacks',
    original: { spec: { replicas: 1 } },
    patch: { spec: { strategy: { $patch: 'delete' }, template: { spec: { containers: [{ name: 'x', $patch: 'delete' }, { name: 'y' }] } } } },
    result: { spec: { replicas: 1, template: { spec: { containers: [{ name: 'y' }] } } } },
  },

  // $retainKeys
  {
    name: '$retainKeys on the Deployment strategy clears the fields it does not list',
    original: { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
    patch: { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } } },
    result: { spec: { strategy: { type: 'Recreate' } } },
  },
  {
    name: '$retainKeys on a Pod volume switches its source',
    original: podSpec({ volumes: [{ name: 'data', emptyDir: {} }, { name: 'keep', emptyDir: {} }] }),
    patch: podSpec({ volumes: [{ $retainKeys: ['configMap', 'name'], configMap: { name: 'cm' }, emptyDir: null, name: 'data' }] }),
    result: podSpec({ volumes: [{ name: 'data', configMap: { name: 'cm' } }, { name: 'keep', emptyDir: {} }] }),
  },

  // $setElementOrder
  {
    name: '$setElementOrder reorders a merge list',
    original: podSpec({ containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] }),
    patch: podSpec({ '$setElementOrder/containers': [{ name: 'c' }, { name: 'a' }, { name: 'b' }] }),
    result: podSpec({ containers: [{ name: 'c' }, { name: 'a' }, { name: 'b' }] }),
  },
  {
    name: '$setElementOrder: a server-only element goes before a listed one that came after it',
    original: podSpec({ containers: [{ name: 'a' }, { name: 'server' }, { name: 'b' }] }),
    patch: podSpec({ '$setElementOrder/containers': [{ name: 'b' }, { name: 'new' }, { name: 'a' }], containers: [{ name: 'new' }] }),
    result: podSpec({ containers: [{ name: 'server' }, { name: 'b' }, { name: 'new' }, { name: 'a' }] }),
  },
];
