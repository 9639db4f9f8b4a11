import { describe, expect, it } from 'vitest';
import { findKind, getTypeFacts, listKinds, requireTypeFacts, structIdsOf } from './lookup.js';

const field = (id: string, name: string) => requireTypeFacts(id).jsonFields.get(name);

describe('struct facts by id', () => {
  it('has the strategic merge patch metadata of PodSpec.containers', () => {
    const containers = field('io.k8s.api.core.v1.PodSpec', 'containers');
    expect(containers).toMatchObject({
      patchStrategy: 'merge',
      patchMergeKey: 'name',
      optional: false,
      type: { kind: 'array', items: { kind: 'object', id: 'io.k8s.api.core.v1.Container' } },
      protobuf: { number: 2, wire: 'bytes', repeated: true },
    });
  });

  it('has merge keys and combined strategies', () => {
    expect(field('io.k8s.api.core.v1.Container', 'ports')).toMatchObject({ patchStrategy: 'merge', patchMergeKey: 'containerPort' });
    expect(field('io.k8s.api.core.v1.PodSpec', 'volumes')).toMatchObject({ patchStrategy: 'merge,retainKeys', patchMergeKey: 'name' });
    expect(field('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'ownerReferences')).toMatchObject({ patchMergeKey: 'uid' });
    expect(field('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'finalizers')?.patchMergeKey).toBeUndefined();
    expect(field('io.k8s.api.apps.v1.DeploymentSpec', 'strategy')?.patchStrategy).toBe('retainKeys');
  });

  it('has protobuf numbers, with wire types that follow the Go type', () => {
    const meta = requireTypeFacts('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    expect(meta.fields.map((f) => [f.name, f.protobuf?.number])).toEqual([
      ['name', 1], ['generateName', 2], ['namespace', 3], ['selfLink', 4], ['uid', 5], ['resourceVersion', 6],
      ['generation', 7], ['creationTimestamp', 8], ['deletionTimestamp', 9], ['deletionGracePeriodSeconds', 10],
      ['labels', 11], ['annotations', 12], ['ownerReferences', 13], ['finalizers', 14], ['managedFields', 17],
    ]);
    // types.json says `bytes` for these; generated.proto and the Go types say varint.
    expect(field('io.k8s.api.core.v1.PodSpec', 'priority')?.protobuf).toEqual({ number: 25, wire: 'varint', repeated: false });
    expect(field('io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta', 'remainingItemCount')?.protobuf?.wire).toBe('varint');
    expect(field('io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions', 'propagationPolicy')).toMatchObject({
      type: { kind: 'string' },
      protobuf: { number: 4, wire: 'bytes' },
    });
    // proto2 repeated scalars are not packed: one varint per element.
    expect(field('io.k8s.api.core.v1.PodSecurityContext', 'supplementalGroups')?.protobuf).toMatchObject({ wire: 'varint', repeated: true });
    expect(field('io.k8s.api.core.v1.PodSpec', 'nodeSelector')?.protobuf).toMatchObject({ wire: 'bytes', repeated: true });
  });

  it('resolves the special JSON types', () => {
    expect(field('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'creationTimestamp')?.type).toEqual({ kind: 'time' });
    expect(field('io.k8s.api.core.v1.Event', 'eventTime')?.type).toEqual({ kind: 'micro-time' });
    expect(field('io.k8s.api.core.v1.ServicePort', 'targetPort')?.type).toEqual({ kind: 'int-or-string' });
    expect(field('io.k8s.api.core.v1.ResourceRequirements', 'limits')?.type).toEqual({ kind: 'map', values: { kind: 'quantity' } });
    expect(field('io.k8s.api.core.v1.Secret', 'data')?.type).toEqual({ kind: 'map', values: { kind: 'bytes' } });
    expect(field('io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry', 'fieldsV1')?.type).toEqual({ kind: 'fields-v1' });
    expect(field('io.k8s.api.apps.v1.ControllerRevision', 'data')?.type).toEqual({ kind: 'raw' });
    expect(field('io.k8s.api.authentication.v1.UserInfo', 'extra')?.type).toEqual({
      kind: 'map',
      values: { kind: 'array', items: { kind: 'string' } },
    });
    expect(field('io.k8s.api.core.v1.PodSpec', 'restartPolicy')).toMatchObject({ type: { kind: 'string' }, goType: 'v1.RestartPolicy' });
    expect(field('io.k8s.api.core.v1.Pod', 'spec')?.goType).toBe('v1.PodSpec');
  });

  it('flattens embedded structs into the JSON fields and keeps them as fields', () => {
    const pod = requireTypeFacts('io.k8s.api.core.v1.Pod');
    expect([...pod.jsonFields.keys()]).toEqual(['kind', 'apiVersion', 'metadata', 'spec', 'status']);
    expect(pod.fields[0]).toMatchObject({ name: 'TypeMeta', inline: true, type: { kind: 'object', id: 'io.k8s.apimachinery.pkg.apis.meta.v1.TypeMeta' } });
    const ephemeral = requireTypeFacts('io.k8s.api.core.v1.EphemeralContainer');
    expect(ephemeral.jsonFields.get('image')).toBeDefined();
    expect(ephemeral.fields[0]).toMatchObject({ name: 'EphemeralContainerCommon', inline: true, protobuf: { number: 1 } });
  });

  it('keeps fields that have no JSON form, for protobuf', () => {
    const raw = requireTypeFacts('io.k8s.apimachinery.pkg.runtime.RawExtension');
    expect(raw.fields[0]).toMatchObject({ name: 'Raw', json: false, type: { kind: 'bytes' }, protobuf: { number: 1 } });
    expect(raw.jsonFields.size).toBe(0);
  });

  it('answers undefined for unknown ids', () => {
    expect(getTypeFacts('io.k8s.api.core.v1.Nope')).toBeUndefined();
    expect(getTypeFacts('io.example.v1.Pod')).toBeUndefined();
    expect(() => requireTypeFacts('nope')).toThrow('no facts for type nope');
  });
});

describe('kinds by group, version and kind', () => {
  it('finds kinds with their scope', () => {
    const deployment = findKind({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(deployment).toMatchObject({
      id: 'io.k8s.api.apps.v1.Deployment',
      gvk: { group: 'apps', version: 'v1', kind: 'Deployment' },
      topLevel: true,
      clusterScoped: false,
    });
    expect(findKind({ group: '', version: 'v1', kind: 'Namespace' })).toMatchObject({ topLevel: true, clusterScoped: true });
    expect(findKind({ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole' })?.clusterScoped).toBe(true);
    expect(findKind({ group: 'flowcontrol.apiserver.k8s.io', version: 'v1', kind: 'FlowSchema' })?.id).toBe(
      'io.k8s.api.flowcontrol.v1.FlowSchema',
    );
  });

  it('finds lists and subresource kinds, which are not top-level', () => {
    expect(findKind({ group: '', version: 'v1', kind: 'PodList' })).toMatchObject({ topLevel: false });
    expect(findKind({ group: 'autoscaling', version: 'v1', kind: 'Scale' })?.id).toBe('io.k8s.api.autoscaling.v1.Scale');
  });

  it('finds meta/v1 kinds where the apiserver serves them', () => {
    expect(findKind({ group: '', version: 'v1', kind: 'Status' })?.id).toBe('io.k8s.apimachinery.pkg.apis.meta.v1.Status');
    expect(findKind({ group: 'meta.k8s.io', version: 'v1', kind: 'Table' })?.gvk).toEqual({ group: 'meta.k8s.io', version: 'v1', kind: 'Table' });
    expect(findKind({ group: '', version: 'v1', kind: 'Table' })).toBeUndefined();
    expect(findKind({ group: 'apps', version: 'v1', kind: 'DeleteOptions' })?.id).toBe('io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions');
    expect(findKind({ group: 'apps', version: 'v1', kind: 'Status' })).toBeUndefined();
  });

  it('keeps versions of a group apart', () => {
    expect(findKind({ group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler' })?.id).toBe(
      'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler',
    );
    expect(findKind({ group: 'apps', version: 'v1beta1', kind: 'Deployment' })).toBeUndefined();
  });

  it('lists every kind and the structs of a group version', () => {
    const kinds = listKinds();
    expect(kinds).toContainEqual({ group: 'batch', version: 'v1', kind: 'CronJob' });
    expect(kinds).toContainEqual({ group: 'meta.k8s.io', version: 'v1', kind: 'PartialObjectMetadataList' });
    expect(structIdsOf({ group: 'apps', version: 'v1' })).toContain('io.k8s.api.apps.v1.RollingUpdateDeployment');
    expect(structIdsOf({ group: 'example.com', version: 'v1' })).toEqual([]);
  });
});
