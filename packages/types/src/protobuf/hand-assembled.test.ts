import protobuf from 'protobufjs/minimal.js';
import { describe, expect, it } from 'vitest';
import { CAPTURED } from './fixtures/captured-requests.js';
import { decodeKubernetesProtobuf, ProtobufDecodeError } from './index.js';

// Bytes written field by field with protobufjs' Writer, following the field numbers of the
// upstream generated.proto files, so that a shared bug of our encoder and decoder cannot hide.
type Writer = protobuf.Writer;
const VARINT = 0;
const BYTES = 2;

const key = (number: number, wire: number) => (number << 3) | wire;
const str = (w: Writer, number: number, value: string) => w.uint32(key(number, BYTES)).string(value);
const int = (w: Writer, number: number, value: number) => w.uint32(key(number, VARINT)).int64(value);
function msg(w: Writer, number: number, body: (w: Writer) => void): Writer {
  w.uint32(key(number, BYTES)).fork();
  body(w);
  return w.ldelim();
}
function entry(w: Writer, number: number, k: string, value: (w: Writer) => void): Writer {
  return msg(w, number, (e) => {
    str(e, 1, k);
    value(e);
  });
}

/** `k8s\0` + runtime.Unknown{1: TypeMeta{1: apiVersion, 2: kind}, 2: raw}. */
function envelope(apiVersion: string, kind: string, raw: (w: Writer) => void): Uint8Array {
  const w = protobuf.Writer.create();
  msg(w, 1, (t) => str(str(t, 1, apiVersion), 2, kind));
  msg(w, 2, raw);
  return new Uint8Array([0x6b, 0x38, 0x73, 0x00, ...w.finish()]);
}

describe('decoding independently assembled bytes', () => {
  it('a ConfigMap (ObjectMeta, Time, maps of strings and bytes, a pointer bool)', () => {
    const bytes = envelope('v1', 'ConfigMap', (w) => {
      // ConfigMap: 1 metadata, 2 data, 3 binaryData, 4 immutable; written out of order on purpose.
      w.uint32(key(4, VARINT)).bool(false);
      entry(w, 3, 'blob', (e) => e.uint32(key(2, BYTES)).bytes(new Uint8Array([0, 1, 2, 0xff])));
      entry(w, 2, 'b', (e) => str(e, 2, 'two'));
      entry(w, 2, 'a', (e) => str(e, 2, 'one'));
      msg(w, 1, (m) => {
        // ObjectMeta: 1 name, 3 namespace, 7 generation, 8 creationTimestamp, 11 labels, 14 finalizers.
        str(m, 1, 'settings');
        str(m, 3, 'default');
        int(m, 7, 2);
        msg(m, 8, (t) => int(int(t, 1, 1795446245), 2, 0));
        entry(m, 11, 'app', (e) => str(e, 2, 'web'));
        str(m, 14, 'a/b');
        str(m, 14, 'c/d');
      });
    });
    const decoded = decodeKubernetesProtobuf(bytes);
    expect(decoded.object).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'settings',
        namespace: 'default',
        generation: 2,
        creationTimestamp: '2026-11-23T15:04:05Z',
        labels: { app: 'web' },
        finalizers: ['a/b', 'c/d'],
      },
      immutable: false,
      data: { b: 'two', a: 'one' },
      binaryData: { blob: 'AAEC/w==' },
    });
    // Go declaration order (metadata, immutable, data, binaryData), whatever the order on the wire.
    expect(Object.keys(decoded.object)).toEqual(['apiVersion', 'kind', 'metadata', 'immutable', 'data', 'binaryData']);
  });

  it('a DeleteOptions as helm and client-go send it', () => {
    const bytes = envelope('meta.k8s.io/v1', 'DeleteOptions', (w) => {
      // DeleteOptions: 1 gracePeriodSeconds, 2 preconditions {1 uid, 2 resourceVersion}, 4 propagationPolicy, 5 dryRun.
      int(w, 1, 0);
      msg(w, 2, (p) => str(str(p, 1, 'uid-1'), 2, '42'));
      str(w, 4, 'Background');
      str(w, 5, 'All');
    });
    expect(decodeKubernetesProtobuf(bytes)).toEqual({
      apiVersion: 'meta.k8s.io/v1',
      kind: 'DeleteOptions',
      object: {
        apiVersion: 'meta.k8s.io/v1',
        kind: 'DeleteOptions',
        gracePeriodSeconds: 0,
        preconditions: { uid: 'uid-1', resourceVersion: '42' },
        propagationPolicy: 'Background',
        dryRun: ['All'],
      },
    });
  });

  it('a Deployment with IntOrStrings, quantities, a negative int and a packed list', () => {
    const bytes = envelope('apps/v1', 'Deployment', (w) => {
      msg(w, 2, (spec) => {
        // DeploymentSpec: 1 replicas, 3 template, 4 strategy {1 type, 2 rollingUpdate {1 maxUnavailable, 2 maxSurge}}.
        w.uint32(key(1, VARINT)).int32(-1);
        msg(spec, 4, (s) => {
          str(s, 1, 'RollingUpdate');
          msg(s, 2, (r) => {
            msg(r, 1, (i) => int(int(i, 1, 0), 2, 1));
            msg(r, 2, (i) => str(int(i, 1, 1), 3, '25%'));
          });
        });
        msg(spec, 3, (t) =>
          // PodTemplateSpec 2 spec → PodSpec 2 containers, 14 securityContext {4 supplementalGroups, packed here}.
          msg(t, 2, (pod) => {
            msg(pod, 2, (c) => {
              str(c, 1, 'web');
              // Container 8 resources → ResourceRequirements 1 limits: map<string, Quantity{1: string}>.
              msg(c, 8, (r) => entry(r, 1, 'cpu', (e) => msg(e, 2, (q) => str(q, 1, '250m'))));
            });
            msg(pod, 14, (sc) => msg(sc, 4, (packed) => packed.int64(1000).int64(2000)));
          }),
        );
      });
    });
    expect(decodeKubernetesProtobuf(bytes).object).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      spec: {
        replicas: -1,
        template: {
          spec: {
            containers: [{ name: 'web', resources: { limits: { cpu: '250m' } } }],
            securityContext: { supplementalGroups: [1000, 2000] },
          },
        },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '25%' } },
      },
    });
  });

  it('skips unknown fields and reads a map entry without a value as the zero value', () => {
    const bytes = envelope('v1', 'ConfigMap', (w) => {
      str(w, 99, 'from a newer server');
      w.uint32(key(98, 5)).fixed32(7);
      w.uint32(key(97, 1)).fixed64(7);
      msg(w, 2, (e) => str(e, 1, 'empty'));
    });
    expect(decodeKubernetesProtobuf(bytes).object).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', data: { empty: '' } });
  });

  it('reads an object embedded in a RawExtension in protobuf, as protobuf watch events carry it', () => {
    const inner = envelope('v1', 'Namespace', (w) => msg(w, 1, (m) => str(m, 1, 'ns1')));
    const bytes = envelope('v1', 'WatchEvent', (w) => {
      str(w, 1, 'ADDED');
      msg(w, 2, (raw) => raw.uint32(key(1, BYTES)).bytes(inner));
    });
    expect(decodeKubernetesProtobuf(bytes).object).toEqual({
      apiVersion: 'v1',
      kind: 'WatchEvent',
      type: 'ADDED',
      object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns1' } },
    });
  });
});

describe('bad bodies', () => {
  const failure = (bytes: Uint8Array) => {
    try {
      decodeKubernetesProtobuf(bytes);
    } catch (error) {
      expect(error).toBeInstanceOf(ProtobufDecodeError);
      return (error as Error).message;
    }
    return undefined;
  };
  const configMap = Buffer.from(CAPTURED.configmap!.body, 'base64');

  it('reports a missing or wrong prefix as the apiserver does', () => {
    expect(failure(new Uint8Array())).toBe('empty data');
    expect(failure(new TextEncoder().encode('{"kind":"ConfigMap"}'))).toBe(
      'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
    );
    expect(failure(new Uint8Array([0x6b, 0x38, 0x73, 0x00]))).toBe('empty body');
  });

  it('reports a truncated body, wherever it is cut', () => {
    expect(failure(configMap.subarray(0, 30))).toBe('unexpected EOF');
    const outcomes = new Set<string>();
    for (let length = 5; length < configMap.length; length++) {
      outcomes.add(failure(configMap.subarray(0, length)) ?? 'decoded');
    }
    // Cuts between the envelope's fields leave a valid, shorter envelope; no other error escapes.
    expect([...outcomes].sort()).toEqual(['decoded', 'unexpected EOF']);
  });

  it('reports an unknown kind, and a missing kind or apiVersion', () => {
    expect(failure(envelope('v1', 'Gadget', () => undefined))).toBe(
      'no kind "Gadget" is registered for version "v1" in scheme "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30"',
    );
    expect(failure(envelope('', 'ConfigMap', () => undefined))).toBe(
      'Object \'apiVersion\' is missing in \'runtime.TypeMeta{APIVersion:"", Kind:"ConfigMap"}\'',
    );
    expect(failure(envelope('a/b/c', 'ConfigMap', () => undefined))).toBe('unexpected GroupVersion string: a/b/c');
    expect(failure(envelope('meta.k8s.io/v1', 'Table', () => undefined))).toBe(
      'object *v1.Table does not implement the protobuf marshalling interface and cannot be encoded to a protobuf message',
    );
  });

  it('reports wrong wire types, tag 0 and bad embedded JSON', () => {
    expect(failure(envelope('apps/v1', 'Deployment', (w) => msg(w, 2, (s) => str(s, 1, 'three'))))).toBe(
      'proto: wrong wireType = 2 for field replicas',
    );
    expect(failure(envelope('v1', 'ConfigMap', (w) => w.uint32(key(0, VARINT)).uint32(1)))).toBe('proto: ConfigMap: illegal tag 0 (wire type 0)');
    expect(failure(envelope('v1', 'WatchEvent', (w) => msg(w, 2, (raw) => str(raw, 1, '{not json'))))).toBe(
      'embedded raw data is neither JSON nor protobuf',
    );
  });

  it('reports a nested length that runs past its message', () => {
    const bytes = envelope('v1', 'ConfigMap', (w) => w.uint32(key(1, BYTES)).uint32(50).uint32(key(1, BYTES)).uint32(1));
    expect(failure(bytes)).toBe('unexpected EOF');
  });
});
