import type { JsonObject } from '../json.js';
import type { StrategicCase } from './strategic-merge-patch.cases.js';

const podSpec = (spec: JsonObject): JsonObject => ({ spec: { template: { spec } } });

/** Strategic merge patches upstream refuses, with its wording and the status the apiserver gives. */
export const STRATEGIC_ERROR_CASES: readonly StrategicCase[] = [
  {
    name: 'an unknown $patch value in a map',
    original: { spec: { strategy: { type: 'Recreate' } } },
    patch: { spec: { strategy: { $patch: 'foo', type: 'RollingUpdate' } } },
    error: { code: 'InternalError', message: 'unknown patch type: foo in map: map[$patch:foo type:RollingUpdate]' },
  },
  {
    name: '$patch: merge in a map (upstream only knows replace and delete there)',
    original: { spec: { strategy: { type: 'Recreate' } } },
    patch: { spec: { strategy: { $patch: 'merge' } } },
    error: { code: 'InternalError', message: 'unknown patch type: merge in map: map[$patch:merge]' },
  },
  {
    name: '$patch: merge in a list',
    original: podSpec({ containers: [{ name: 'a' }] }),
    patch: podSpec({ containers: [{ $patch: 'merge' }] }),
    error: { code: 'InternalError', message: 'merging lists cannot yet be specified in the patch' },
  },
  {
    name: 'an unknown $patch value in a list',
    original: podSpec({ containers: [{ name: 'a' }] }),
    patch: podSpec({ containers: [{ name: 'a', $patch: 5 }] }),
    error: { code: 'InternalError', message: 'unknown patch type: %!s(int64=5) in map: map[$patch:5 name:a]' },
  },
  {
    name: 'a list element without its merge key',
    original: podSpec({ containers: [{ name: 'a' }] }),
    patch: podSpec({ containers: [{ image: 'nginx', ports: [{ containerPort: 80 }] }] }),
    error: { code: 'InternalError', message: 'map: map[image:nginx ports:[map[containerPort:80]]] does not contain declared merge key: name' },
  },
  {
    name: '$patch: delete without the merge key',
    original: podSpec({ containers: [{ name: 'a' }] }),
    patch: podSpec({ containers: [{ $patch: 'delete' }] }),
    error: { code: 'InternalError', message: 'map: map[$patch:delete] does not contain declared merge key: name' },
  },
  {
    name: '$setElementOrder that is not a list',
    original: podSpec({ containers: [{ name: 'a' }] }),
    patch: podSpec({ '$setElementOrder/containers': 'a' }),
    error: { code: 'InternalError', message: 'expected a []interface {}, but received a string' },
  },
  {
    name: 'a patch list that does not follow $setElementOrder',
    original: podSpec({ containers: [{ name: 'a' }, { name: 'b' }] }),
    patch: podSpec({ '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }], containers: [{ name: 'b' }, { name: 'a' }] }),
    error: {
      code: 'InternalError',
      message: "The order in patch list:\n[map[name:b] map[name:a]]\n doesn't match $setElementOrder list:\n[map[name:a] map[name:b]]\n",
    },
  },
  {
    name: 'a $setElementOrder key without a list name',
    original: {},
    patch: { $setElementOrderX: [] },
    error: { code: 'BadRequest', message: 'invalid patch format of setElementOrder list' },
  },
  {
    name: 'a $deleteFromPrimitiveList key without a list name',
    original: { metadata: { name: 'web' } },
    patch: { metadata: { $deleteFromPrimitiveList: ['a'] } },
    error: { code: 'BadRequest', message: 'invalid patch format of primitive list' },
  },
  {
    name: '$retainKeys that is not a list',
    original: { spec: { strategy: { type: 'Recreate' } } },
    patch: { spec: { strategy: { $retainKeys: 'type' } } },
    error: { code: 'BadRequest', message: 'invalid patch format of retainKeys' },
  },
  {
    name: 'a patched field missing from $retainKeys',
    original: { spec: { strategy: { type: 'Recreate' } } },
    patch: { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: { maxSurge: 1 } } } },
    error: { code: 'BadRequest', message: 'invalid patch format of retainKeys' },
  },
  {
    name: 'lists of lists (422 with the generic message)',
    original: podSpec({ containers: [] }),
    patch: podSpec({ containers: [['a']] }),
    error: { code: 'Invalid', message: 'the server rejected our request due to an error in our request' },
  },
  {
    name: 'list elements of different types',
    original: podSpec({ containers: [{ name: 'a' }] }),
    patch: podSpec({ containers: ['b'] }),
    error: { code: 'InternalError', message: 'list element types are not identical: [[map[name:a]] [b]]' },
  },
  {
    name: 'a $setElementOrder for a list neither side has elements of',
    original: podSpec({ containers: [] }),
    patch: podSpec({ '$setElementOrder/containers': [] }),
    error: { code: 'InternalError', message: 'no elements in any of the given slices' },
  },
];
