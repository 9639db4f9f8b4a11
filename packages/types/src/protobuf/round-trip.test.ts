import { describe, expect, it } from 'vitest';
import { findKind, listKinds } from '../facts/lookup.js';
import { formatApiVersion } from '../gvk.js';
import * as objects from './fixtures/objects.js';
import { decodeKubernetesProtobuf, encodeKubernetesProtobuf, PROTOBUF_CONTENT_TYPE, type KubernetesObject } from './index.js';
import { hasProtobuf } from './plan.js';

function roundTrip(object: KubernetesObject) {
  return decodeKubernetesProtobuf(encodeKubernetesProtobuf(object));
}

describe('JSON → protobuf → JSON', () => {
  it.each(Object.entries(objects))('%s', (_, object) => {
    const decoded = roundTrip(object);
    expect(decoded.apiVersion).toBe(object.apiVersion);
    expect(decoded.object).toEqual(object);
  });

  it('writes fields in Go declaration order, as Go writes JSON', () => {
    const { object } = roundTrip(objects.POD);
    expect(Object.keys(object)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    const spec = object.spec as Record<string, unknown>;
    expect(Object.keys(spec).slice(0, 4)).toEqual(['volumes', 'initContainers', 'containers', 'restartPolicy']);
    // VolumeSource is embedded: a nested message on the wire, its fields flattened in place in JSON.
    expect(Object.keys((spec.volumes as object[])[0]!)).toEqual(['name', 'configMap']);
  });

  it('keeps IntOrString as a number or a string', () => {
    const { object } = roundTrip(objects.DEPLOYMENT);
    expect(object).toMatchObject({ spec: { strategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: '25%' } } } });
    expect(roundTrip(objects.SERVICE).object).toMatchObject({ spec: { ports: [{ targetPort: 'http' }, { targetPort: 9091 }] } });
  });

  it('drops zero values of optional non-pointer fields and keeps pointers and required fields', () => {
    const { object } = roundTrip({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', generation: 0, namespace: '' },
      spec: {
        containers: [{ name: '', image: 'i', ports: [{ containerPort: 0, hostPort: 0 }], stdin: false }],
        terminationGracePeriodSeconds: 0,
        hostNetwork: false,
      },
    });
    expect(object).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: '', image: 'i', ports: [{ containerPort: 0 }] }], terminationGracePeriodSeconds: 0 },
    });
  });

  it('writes Time with seconds and MicroTime with microseconds, from any RFC 3339 form', () => {
    const { object } = roundTrip({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'l', creationTimestamp: '2026-11-23T17:04:05.999+02:00' },
      spec: { renewTime: '2026-11-23T15:04:05.1234567Z', acquireTime: '1969-12-31T23:59:59Z' },
    });
    expect(object).toMatchObject({
      metadata: { creationTimestamp: '2026-11-23T15:04:05Z' },
      spec: { renewTime: '2026-11-23T15:04:05.123456Z', acquireTime: '1969-12-31T23:59:59.000000Z' },
    });
  });

  it('drops empty maps and lists, which protobuf cannot tell from absent ones', () => {
    const { object } = roundTrip({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: {}, finalizers: [] }, data: {} });
    expect(object).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
  });

  it('finds DeleteOptions under any apiVersion a client puts on it', () => {
    for (const apiVersion of ['v1', 'meta.k8s.io/v1', 'apps/v1', 'policy/v1']) {
      const decoded = roundTrip({ ...objects.DELETE_OPTIONS, apiVersion });
      expect(decoded.object).toEqual({ ...objects.DELETE_OPTIONS, apiVersion });
    }
  });

  it('encodes and decodes every kind of the facts table that has a protobuf message', () => {
    const all = listKinds();
    const kinds = all.filter((gvk) => hasProtobuf(findKind(gvk)!.id));
    for (const gvk of kinds) {
      const object = { apiVersion: formatApiVersion(gvk), kind: gvk.kind, metadata: { resourceVersion: '7' } };
      const hasMetadata = findKind(gvk)!.jsonFields.get('metadata')?.protobuf !== undefined;
      expect(roundTrip(object).object, gvk.kind).toEqual(hasMetadata ? object : { apiVersion: object.apiVersion, kind: gvk.kind });
    }
    console.log(`kinds with a protobuf message: ${kinds.length} of ${all.length}`);
    expect(all.filter((gvk) => !kinds.includes(gvk))).toEqual([{ group: 'meta.k8s.io', version: 'v1', kind: 'Table' }]);
  });

  it('refuses kinds without a protobuf message, as the apiserver does', () => {
    expect(() => encodeKubernetesProtobuf({ apiVersion: 'meta.k8s.io/v1', kind: 'Table', rows: [] })).toThrow(
      'object *v1.Table does not implement the protobuf marshalling interface and cannot be encoded to a protobuf message',
    );
    expect(() => encodeKubernetesProtobuf({ apiVersion: 'v1', kind: 'Nope' })).toThrow('no kind "Nope" is registered for version "v1"');
  });

  it('reports values of the wrong JSON type with their path', () => {
    expect(() => encodeKubernetesProtobuf({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: '3' } })).toThrow(
      'protobuf: cannot encode Deployment.spec.replicas: expected an integer, got "3"',
    );
  });

  it('names its content type', () => {
    expect(PROTOBUF_CONTENT_TYPE).toBe('application/vnd.kubernetes.protobuf');
  });
});
