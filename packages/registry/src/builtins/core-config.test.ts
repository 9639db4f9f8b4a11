import { describe, expect, it } from 'vitest';
import { row, storeOf } from './catalogue.test-util.js';
import type { KubeObject } from '../kube-object.js';

const core = (resource: string) => storeOf('', resource);

const replace = (change: Record<string, unknown>) => (current: Readonly<KubeObject>) => ({ ...structuredClone(current), ...change }) as KubeObject;

describe('namespaces', () => {
  it('are Active with the kubernetes finalizer and the name label', async () => {
    const store = await core('namespaces');
    const { object } = await store.create(undefined, { metadata: { name: 'team-a' } });
    expect(object).toMatchObject({
      metadata: { labels: { 'kubernetes.io/metadata.name': 'team-a' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
    const updated = await store.update(undefined, 'team-a', replace({ spec: { finalizers: [] } }));
    expect(updated.object.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(row(store, object)).toMatchObject({ Status: 'Active', Age: '0s' });
    expect(store.definition.verbs).not.toContain('deletecollection');
  });
});

describe('configmaps and secrets', () => {
  it('validate their keys and count their data', async () => {
    const store = await core('configmaps');
    await expect(store.create('default', { metadata: { name: 'cfg' }, data: { 'bad key': 'x' } })).rejects.toMatchObject({
      status: {
        message:
          "ConfigMap \"cfg\" is invalid: data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      },
    });
    const { object } = await store.create('default', { metadata: { name: 'cfg' }, data: { a: '1' }, binaryData: { b: 'AA==' }, immutable: true });
    expect(row(store, object)).toMatchObject({ Name: 'cfg', Data: 2 });
    await expect(store.update('default', 'cfg', replace({ data: { a: '2' } }))).rejects.toMatchObject({
      status: { message: 'ConfigMap "cfg" is invalid: data: Forbidden: field is immutable when `immutable` is set' },
    });
  });

  it('default a Secret to Opaque, turn stringData into data, and keep its type', async () => {
    const store = await core('secrets');
    const { object } = await store.create('default', { metadata: { name: 's' }, stringData: { password: 'hunter2' } });
    expect(object).toMatchObject({ type: 'Opaque', data: { password: 'aHVudGVyMg==' } });
    expect(object.stringData).toBeUndefined();
    expect(row(store, object)).toMatchObject({ Type: 'Opaque', Data: 1 });
    await expect(store.update('default', 's', replace({ type: 'kubernetes.io/tls' }))).rejects.toMatchObject({
      status: { message: expect.stringContaining('type: Invalid value: "kubernetes.io/tls": field is immutable') },
    });
    await expect(store.create('default', { metadata: { name: 'tls' }, type: 'kubernetes.io/tls', data: {} })).rejects.toMatchObject({
      status: { message: 'Secret "tls" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]' },
    });
    expect((await store.list({ fieldSelector: 'type=Opaque' })).items).toHaveLength(1);
  });

  it('answer a ServiceAccount DELETE with the object and print its secrets', async () => {
    const store = await core('serviceaccounts');
    const { object } = await store.create('default', { metadata: { name: 'builder' } });
    expect(store.definition.returnDeletedObject).toBe(true);
    expect(row(store, object)).toMatchObject({ Name: 'builder', Secrets: 0 });
  });
});

describe('quotas and limit ranges', () => {
  it('start a ResourceQuota with an empty status and print used/hard pairs', async () => {
    const store = await core('resourcequotas');
    const { object } = await store.create('default', { metadata: { name: 'q' }, spec: { hard: { pods: '10' } }, status: { used: { pods: '99' } } });
    expect(object.status).toEqual({});
    const cells = row(store, { ...object, status: { hard: { pods: '10', 'limits.cpu': '2', 'requests.cpu': '1' }, used: { pods: '3', 'limits.cpu': '500m' } } });
    expect(cells).toMatchObject({ Request: 'pods: 3/10, requests.cpu: 0/1', Limit: 'limits.cpu: 500m/2' });
  });

  it('default a LimitRange container item from max and print CREATED AT', async () => {
    const store = await core('limitranges');
    const { object } = await store.create('default', { metadata: { name: 'l' }, spec: { limits: [{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' } }] } });
    expect(object.spec).toEqual({
      limits: [{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' }, default: { cpu: '2' }, defaultRequest: { cpu: '2', memory: '64Mi' } }],
    });
    expect(row(store, object)).toEqual({ Name: 'l', 'Created At': '2026-01-01T12:00:00Z' });
    await expect(store.create('default', { metadata: { name: 'm' }, spec: { limits: [{ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } }] } })).rejects.toMatchObject({
      status: { message: expect.stringContaining('spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1') },
    });
  });

  it('print endpoints as ip:port pairs', async () => {
    const store = await core('endpoints');
    const subsets = [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }, { ip: '10.0.0.3' }, { ip: '10.0.0.4' }], ports: [{ port: 80 }] }];
    const { object } = await store.create('default', { metadata: { name: 'web' }, subsets });
    expect(row(store, object).Endpoints).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...');
  });
});
