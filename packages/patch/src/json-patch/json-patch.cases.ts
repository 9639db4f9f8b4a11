import type { JsonObject, JsonValue } from '../json.js';

/**
 * JSON patch cases with evanphx/json-patch v4's results (the library behind the apiserver's
 * `application/json-patch+json`), each checked against that library run on the same input.
 * A failing case gives the library's error text, which the apiserver keeps out of its 422 answer.
 */
export interface JsonPatchCase {
  readonly name: string;
  readonly document: JsonObject;
  readonly patch: JsonValue[];
  readonly result?: JsonObject;
  readonly failure?: string;
  /** AccumulatedCopySizeLimit, when the case sets one. */
  readonly maxBytes?: number;
}

const pod: JsonObject = { metadata: { name: 'p', finalizers: ['a', 'b'], labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };

export const JSON_PATCH_CASES: readonly JsonPatchCase[] = [
  {
    name: 'add, replace and remove members',
    document: pod,
    patch: [
      { op: 'add', path: '/metadata/labels/tier', value: 'front' },
      { op: 'replace', path: '/spec/containers/0/image', value: 'nginx:1.28' },
      { op: 'remove', path: '/metadata/labels/app' },
    ],
    result: { metadata: { name: 'p', finalizers: ['a', 'b'], labels: { tier: 'front' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.28' }] } },
  },
  {
    name: 'array indices: insert, append with -, and negative indices counting from the end',
    document: { a: [1, 2, 3] },
    patch: [
      { op: 'add', path: '/a/1', value: 'x' },
      { op: 'add', path: '/a/-', value: 'end' },
      { op: 'remove', path: '/a/-1' },
      { op: 'replace', path: '/a/-1', value: 'last' },
      { op: 'add', path: '/a/-1', value: 'appended' },
    ],
    result: { a: [1, 'x', 2, 'last', 'appended'] },
  },
  {
    name: 'replace of a missing member adds it (v4 checks only array indices)',
    document: { metadata: { name: 'p' } },
    patch: [{ op: 'replace', path: '/metadata/annotations', value: { a: '1' } }],
    result: { metadata: { name: 'p', annotations: { a: '1' } } },
  },
  {
    name: 'kubectl rollout undo: replace the template and the annotations',
    document: { metadata: { annotations: { rev: '2' } }, spec: { template: { spec: { containers: [{ name: 'c', image: 'v2' }] } } } },
    patch: [
      { op: 'replace', path: '/spec/template', value: { spec: { containers: [{ name: 'c', image: 'v1' }] } } },
      { op: 'replace', path: '/metadata/annotations', value: { rev: '3' } },
    ],
    result: { metadata: { annotations: { rev: '3' } }, spec: { template: { spec: { containers: [{ name: 'c', image: 'v1' }] } } } },
  },
  {
    name: 'a controller removes its finalizer after testing it',
    document: pod,
    patch: [
      { op: 'test', path: '/metadata/finalizers/0', value: 'a' },
      { op: 'remove', path: '/metadata/finalizers/0' },
    ],
    result: { ...pod, metadata: { name: 'p', finalizers: ['b'], labels: { app: 'web' } } },
  },
  {
    name: 'move and copy',
    document: { a: { x: 1 }, b: [] },
    patch: [
      { op: 'copy', from: '/a', path: '/b/-' },
      { op: 'move', from: '/a/x', path: '/c' },
    ],
    result: { a: {}, b: [{ x: 1 }], c: 1 },
  },
  {
    name: 'a missing value is written as null; test treats null and missing alike',
    document: { a: 1, n: null },
    patch: [
      { op: 'add', path: '/b' },
      { op: 'test', path: '/missing', value: null },
      { op: 'test', path: '/n' },
      { op: 'copy', from: '/missing', path: '/c' },
    ],
    result: { a: 1, n: null, b: null, c: null },
  },
  {
    name: 'replace of the whole document',
    document: { a: 1 },
    patch: [{ op: 'replace', path: '', value: { b: 2 } }],
    result: { b: 2 },
  },
  { name: 'a failed test', document: pod, patch: [{ op: 'test', path: '/metadata/name', value: 'q' }], failure: 'testing value /metadata/name failed: test failed' },
  {
    name: 'remove of a missing member',
    document: pod,
    patch: [{ op: 'remove', path: '/metadata/annotations' }],
    failure: "error in remove for path: '/metadata/annotations': Unable to remove nonexistent key: annotations: missing value",
  },
  {
    name: 'add under a missing parent',
    document: pod,
    patch: [{ op: 'add', path: '/metadata/annotations/a', value: '1' }],
    failure: 'add operation does not apply: doc is missing path: "/metadata/annotations/a": missing value',
  },
  {
    name: 'an index past the end',
    document: pod,
    patch: [{ op: 'add', path: '/metadata/finalizers/3', value: 'c' }],
    failure: "error in add for path: '/metadata/finalizers/3': Unable to access invalid index: 3: invalid index referenced",
  },
  {
    name: 'an index that is not a number',
    document: pod,
    patch: [{ op: 'replace', path: '/metadata/finalizers/x', value: 'c' }],
    failure: 'replace operation does not apply: doc is missing key: /metadata/finalizers/x: missing value',
  },
  { name: 'a path without a leading slash', document: pod, patch: [{ op: 'remove', path: 'metadata' }], failure: 'remove operation does not apply: doc is missing path: "metadata": missing value' },
  { name: 'add of the whole document', document: pod, patch: [{ op: 'add', path: '', value: {} }], failure: 'add operation does not apply: doc is missing path: "": missing value' },
  { name: 'an unknown op', document: pod, patch: [{ op: 'merge', path: '/a' }], failure: 'Unexpected kind: merge' },
  { name: 'an operation without op', document: pod, patch: [{ path: '/a' }, null], failure: 'Unexpected kind: unknown' },
  { name: 'a move without from', document: pod, patch: [{ op: 'move', path: '/a' }], failure: 'move operation failed to decode from: operation, missing from field: missing value' },
  {
    name: 'copies beyond the size limit, counted as Go encodes them ("x\\u003cy": 10 bytes)',
    document: { a: 'x<y', b: [] },
    maxBytes: 25,
    patch: [
      { op: 'copy', from: '/a', path: '/b/-' },
      { op: 'copy', from: '/a', path: '/b/-' },
      { op: 'copy', from: '/a', path: '/b/-' },
    ],
    failure: 'Unable to complete the copy, the accumulated size increase of copy is 30, exceeding the limit 25',
  },
];
