import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Deployment } from '../index.js';
import { decodeObject, decodeStruct } from './decode-object.js';

const POD = { group: '', version: 'v1', kind: 'Pod' };
const DEPLOYMENT = { group: 'apps', version: 'v1', kind: 'Deployment' };

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, creationTimestamp: null },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: 0.1 } },
            env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          },
        ],
        terminationGracePeriodSeconds: 30,
      },
    },
  },
  status: {},
};

describe('decodeObject', () => {
  it('keeps a valid object as it is, minus the nulls Go reads as absent', () => {
    const { object, unknownFields, errors } = decodeObject<Deployment>(DEPLOYMENT, deployment);
    expect(errors).toEqual([]);
    expect(unknownFields).toEqual([]);
    const { creationTimestamp: _, ...metadata } = deployment.metadata;
    expect(object).toEqual({ ...deployment, metadata });
    expect(object.spec?.template.spec?.containers[0]?.image).toBe('nginx:1.27');
  });

  it('does not modify its input', () => {
    const input = structuredClone(deployment);
    decodeObject(DEPLOYMENT, { ...input, spec: { ...input.spec, bogus: true } });
    expect(input).toEqual(deployment);
  });

  it('drops unknown fields and reports their paths as the apiserver does', () => {
    const { object, unknownFields, errors } = decodeObject(DEPLOYMENT, {
      ...deployment,
      extra: 1,
      metadata: { name: 'web', bogus: { deep: true } },
      spec: {
        ...deployment.spec,
        foo: 'x',
        template: {
          spec: {
            containers: [{ name: 'a' }, { name: 'b', bar: 1, ports: [{ containerPort: 1, baz: 2 }] }],
          },
        },
      },
    });
    expect(errors).toEqual([]);
    // In document order: keys added to a spread object come after the spread ones.
    expect(unknownFields).toEqual([
      'metadata.bogus',
      'spec.template.spec.containers[1].bar',
      'spec.template.spec.containers[1].ports[0].baz',
      'spec.foo',
      'extra',
    ]);
    expect(object).not.toHaveProperty('extra');
    expect(object).toMatchObject({
      metadata: { name: 'web' },
      spec: { template: { spec: { containers: [{ name: 'a' }, { name: 'b', ports: [{ containerPort: 1 }] }] } } },
    });
    expect(JSON.stringify(object)).not.toMatch(/bogus|foo|bar|baz/);
  });

  it('names map keys in unknown-field paths', () => {
    const { unknownFields } = decodeObject(
      { group: 'policy', version: 'v1', kind: 'PodDisruptionBudget' },
      { spec: { selector: { matchLabels: { a: 'b' }, matchExpressions: [{ key: 'k', operator: 'In', nope: 1 }] } } },
    );
    expect(unknownFields).toEqual(['spec.selector.matchExpressions[0].nope']);
    const nested = decodeStruct('io.k8s.api.core.v1.PersistentVolumeClaimStatus', {
      allocatedResourceStatuses: { storage: 'ControllerResizeInProgress' },
    });
    expect(nested.errors).toEqual([]);
  });

  it('reports type errors with the path and Go’s wording, and drops the value', () => {
    const { object, errors } = decodeObject(DEPLOYMENT, {
      spec: {
        replicas: 'three',
        paused: 'yes',
        template: {
          metadata: { labels: { app: 1 } },
          spec: { containers: [{ name: 'c', ports: [{ containerPort: '80' }, 'http'] }, 'x'] },
        },
      },
    });
    expect(errors).toEqual([
      {
        path: 'spec.replicas',
        message: 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
      },
      {
        path: 'spec.paused',
        message: 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool',
      },
      {
        path: 'spec.template.metadata.labels.app',
        message: 'json: cannot unmarshal number into Go struct field ObjectMeta.spec.template.metadata.labels of type string',
      },
      {
        path: 'spec.template.spec.containers[0].ports[0].containerPort',
        message:
          'json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
      },
      {
        path: 'spec.template.spec.containers[0].ports[1]',
        message:
          'json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.ports of type v1.ContainerPort',
      },
      {
        path: 'spec.template.spec.containers[1]',
        message: 'json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.containers of type v1.Container',
      },
    ]);
    expect(object).toEqual({
      spec: {
        template: {
          metadata: { labels: {} },
          // Go keeps an element's zero value where it could not store one.
          spec: { containers: [{ name: 'c', ports: [{}, {}] }, {}] },
        },
      },
    });
  });

  it('checks integer ranges and names the number as Go does', () => {
    const { errors } = decodeObject(POD, {
      spec: { containers: [{ name: 'c', ports: [{ containerPort: 2 ** 31 }, { containerPort: 1.5 }] }], activeDeadlineSeconds: 1e30 },
    });
    expect(errors.map((e) => e.message)).toEqual([
      'json: cannot unmarshal number 2147483648 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
      'json: cannot unmarshal number 1.5 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
      'json: cannot unmarshal number 1e+30 into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64',
    ]);
  });

  it('names named string types and embedded structs in type errors', () => {
    const { errors } = decodeObject(POD, { apiVersion: 1, spec: { restartPolicy: true, ephemeralContainers: [{ name: 'e', image: 3 }] } });
    expect(errors.map((e) => e.message)).toEqual([
      'json: cannot unmarshal number into Go struct field Pod.TypeMeta.apiVersion of type string',
      'json: cannot unmarshal bool into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy',
      'json: cannot unmarshal number into Go struct field EphemeralContainer.spec.ephemeralContainers.EphemeralContainerCommon.image of type string',
    ]);
  });

  it('reads the special types as their UnmarshalJSON does', () => {
    const { object, errors } = decodeObject(POD, {
      metadata: {
        creationTimestamp: '2024-05-01T12:00:00Z',
        deletionTimestamp: 'yesterday',
        managedFields: [{ manager: 'kubectl', time: 5, fieldsV1: { 'f:metadata': { 'f:labels': {} } } }],
      },
      spec: {
        containers: [
          {
            name: 'c',
            resources: { limits: { cpu: 2, memory: '1Gi', gpu: '5MK', bad: true } },
            livenessProbe: { httpGet: { port: 'http' }, tcpSocket: { port: 8080 } },
            readinessProbe: { httpGet: { port: 1.5 } },
          },
        ],
      },
    });
    expect(errors).toEqual([
      {
        path: 'metadata.deletionTimestamp',
        message: 'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse',
      },
      {
        path: 'metadata.managedFields[0].time',
        message: 'json: cannot unmarshal number into Go struct field ManagedFieldsEntry.metadata.managedFields.time of type string',
      },
      { path: 'spec.containers[0].resources.limits.gpu', message: "unable to parse quantity's suffix" },
      {
        path: 'spec.containers[0].resources.limits.bad',
        message: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      },
      {
        path: 'spec.containers[0].readinessProbe.httpGet.port',
        // Go names the embedded ProbeHandler in the field path of its errors.
        message:
          'json: cannot unmarshal number 1.5 into Go struct field HTTPGetAction.spec.containers.readinessProbe.ProbeHandler.httpGet.port of type int32',
      },
    ]);
    expect(object).toMatchObject({
      metadata: { creationTimestamp: '2024-05-01T12:00:00Z', managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:metadata': { 'f:labels': {} } } }] },
      spec: { containers: [{ resources: { limits: { cpu: 2, memory: '1Gi' } }, livenessProbe: { httpGet: { port: 'http' }, tcpSocket: { port: 8080 } } }] },
    });
  });

  it('checks base64 bytes, micro-times and durations', () => {
    const secret = decodeObject({ group: '', version: 'v1', kind: 'Secret' }, { data: { ok: 'aGVsbG8=', bad: 'not base64!' } });
    expect(secret.object).toEqual({ data: { ok: 'aGVsbG8=' } });
    expect(secret.errors).toEqual([{ path: 'data.bad', message: 'illegal base64 data at input byte 3' }]);

    const event = decodeObject({ group: 'events.k8s.io', version: 'v1', kind: 'Event' }, { eventTime: '2024-05-01T12:00:00Z' });
    expect(event.errors[0]?.message).toBe('parsing time "2024-05-01T12:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse');
    expect(decodeObject({ group: 'events.k8s.io', version: 'v1', kind: 'Event' }, { eventTime: '2024-05-01T12:00:00.123456Z' }).errors).toEqual([]);

    const ok = decodeStruct('io.k8s.api.flowcontrol.v1.QueuingConfiguration', {});
    expect(ok.errors).toEqual([]);
  });

  it('leaves raw extensions untouched', () => {
    const { object, unknownFields } = decodeObject(
      { group: 'apps', version: 'v1', kind: 'ControllerRevision' },
      { data: { anything: { goes: [1, 'two'] } }, revision: 3 },
    );
    expect(unknownFields).toEqual([]);
    expect(object).toEqual({ data: { anything: { goes: [1, 'two'] } }, revision: 3 });
  });

  it('turns null array elements and map values into Go zero values', () => {
    const { object } = decodeObject(POD, {
      metadata: { labels: { a: null }, finalizers: [null] },
      spec: { containers: [null], nodeSelector: null },
    });
    expect(object).toEqual({ metadata: { labels: { a: '' }, finalizers: [''] }, spec: { containers: [{}] } });
  });

  it('rejects a value that is not an object', () => {
    expect(decodeObject(POD, [1]).errors).toEqual([{ path: '', message: 'json: cannot unmarshal array into Go value of type v1.Pod' }]);
    expect(decodeObject(POD, null)).toEqual({ object: {}, unknownFields: [], errors: [] });
  });

  it('finds meta kinds in any group version', () => {
    const { object, unknownFields } = decodeObject(
      { group: 'apps', version: 'v1', kind: 'DeleteOptions' },
      { kind: 'DeleteOptions', apiVersion: 'apps/v1', propagationPolicy: 'Foreground', preconditions: { uid: 'u' }, x: 1 },
    );
    expect(object).toEqual({ kind: 'DeleteOptions', apiVersion: 'apps/v1', propagationPolicy: 'Foreground', preconditions: { uid: 'u' } });
    expect(unknownFields).toEqual(['x']);
  });

  it('does not let a __proto__ key reach the prototype', () => {
    const input = JSON.parse('{"metadata":{"labels":{"__proto__":"x"}},"__proto__":{"polluted":true}}') as unknown;
    const { object, unknownFields } = decodeObject(POD, input);
    expect(unknownFields).toEqual(['__proto__']);
    const labels = (object.metadata as Record<string, unknown>).labels as object;
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
    expect(Object.keys(labels)).toEqual(['__proto__']);
  });

  it('throws for kinds it does not know', () => {
    expect(() => decodeObject({ group: 'example.com', version: 'v1', kind: 'Foo' }, {})).toThrow('unknown kind Foo in example.com/v1');
    expect(() => decodeStruct('io.example.Foo', {})).toThrow('no facts for type io.example.Foo');
  });
});

describe('decodeObject in place', () => {
  const clean = () => JSON.parse(JSON.stringify({ ...deployment, metadata: { name: 'web', labels: { app: 'web' } } })) as Record<string, unknown>;

  it('gives the caller its own value back when decoding would change nothing', () => {
    const value = clean();
    const decoded = decodeObject(DEPLOYMENT, value, { inPlace: true });
    expect(decoded.object).toBe(value);
    expect(decoded).toEqual(decodeObject(DEPLOYMENT, clean()));
  });

  it('copies as before when a field is unknown, null, or of the wrong type', () => {
    const cases: Array<(value: Record<string, unknown>) => void> = [
      (value) => ((value.spec as Record<string, unknown>).colour = 'blue'),
      (value) => ((value.metadata as Record<string, unknown>).labels = null),
      (value) => ((value.spec as Record<string, unknown>).replicas = '2'),
      (value) => ((value.metadata as Record<string, unknown>).finalizers = ['a', null]),
    ];
    for (const change of cases) {
      const value = clean();
      change(value);
      const decoded = decodeObject(DEPLOYMENT, value, { inPlace: true });
      expect(decoded.object).not.toBe(value);
      expect(decoded).toEqual(decodeObject(DEPLOYMENT, value));
    }
  });

  it('keeps a value only when the copying decoder would give back an equal one', () => {
    const known = ['name', 'namespace', 'labels', 'annotations', 'finalizers', 'generation', 'creationTimestamp', 'ownerReferences', 'unknown'];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...known), fc.jsonValue({ maxDepth: 2 })), (metadata) => {
        const value = { apiVersion: 'v1', kind: 'Pod', metadata };
        const inPlace = decodeObject(POD, value, { inPlace: true });
        const copied = decodeObject(POD, structuredClone(value));
        if (inPlace.object === value) expect(copied).toEqual({ object: value, unknownFields: [], errors: [] });
        else expect(inPlace).toEqual(copied);
      }),
      { numRuns: 2000 },
    );
  });
});
