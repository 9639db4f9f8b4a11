import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.js';
import { UNTYPED } from './apply-type.js';
import { builtInApplyType } from './built-in-types.js';
import { ApplyConflictError } from './conflicts.js';
import { FieldSet } from './field-set.js';
import { applyConfiguration, updateManagedFields } from './field-manager.js';
import { type Managers, decodeManagedFields, encodeManagedFields } from './managed-fields.js';
import { fieldElement } from './path-element.js';

const deploymentType = builtInApplyType({ group: 'apps', version: 'v1', kind: 'Deployment' })!;
const configMapType = builtInApplyType({ group: '', version: 'v1', kind: 'ConfigMap' })!;
const T1 = '2026-12-02T10:00:00Z';
const T2 = '2026-12-02T11:00:00Z';

const alice = { manager: 'alice', apiVersion: 'v1' };
const bob = { manager: 'bob', apiVersion: 'v1' };

function configMap(data: Record<string, string>, labels?: Record<string, string>): JsonObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default', ...(labels && { labels }) }, data };
}

function apply(live: JsonObject, config: JsonObject, managers: Managers, who = alice, force = false, time = T1) {
  return applyConfiguration(live, config, managers, who, { type: configMapType, time, force });
}

/** A Deployment as kubectl create sends it, after the server's defaulting. */
const createdDeployment: JsonObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'nginx',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            resources: {},
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            imagePullPolicy: 'Always',
          },
        ],
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 30,
        dnsPolicy: 'ClusterFirst',
        securityContext: {},
        schedulerName: 'default-scheduler',
      },
    },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
  },
  status: {},
};

describe('ownership of updates', () => {
  it('records a created Deployment as kube-apiserver does: defaulted fields, "." for what can be absent, keyed containers', () => {
    const ignored = FieldSet.empty();
    ignored.insert([fieldElement('status')]);
    const managers = updateManagedFields({}, createdDeployment, new Map(), { manager: 'kubectl-create', apiVersion: 'apps/v1' }, { type: deploymentType, time: T1, ignored });
    expect(encodeManagedFields(managers)).toEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: T1,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:progressDeadlineSeconds': {},
            'f:replicas': {},
            'f:revisionHistoryLimit': {},
            'f:selector': {},
            'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} },
            'f:template': {
              'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"nginx"}': {
                    '.': {},
                    'f:image': {},
                    'f:imagePullPolicy': {},
                    'f:name': {},
                    'f:ports': { '.': {}, 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} } },
                    'f:resources': {},
                    'f:terminationMessagePath': {},
                    'f:terminationMessagePolicy': {},
                  },
                },
                'f:dnsPolicy': {},
                'f:restartPolicy': {},
                'f:schedulerName': {},
                'f:securityContext': {},
                'f:terminationGracePeriodSeconds': {},
              },
            },
          },
        },
      },
    ]);
  });

  it('moves a changed field to the writer and keeps the entry time of writers that took nothing', () => {
    const created = updateManagedFields({}, configMap({ a: '1', b: '2' }), new Map(), { manager: 'kubectl-create', apiVersion: 'v1' }, { type: configMapType, time: T1 });
    const edited = updateManagedFields(configMap({ a: '1', b: '2' }), configMap({ a: '1', b: '3' }), created, { manager: 'kubectl-edit', apiVersion: 'v1' }, { type: configMapType, time: T2 });
    expect(encodeManagedFields(edited)).toEqual([
      { manager: 'kubectl-create', operation: 'Update', apiVersion: 'v1', time: T1, fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { '.': {}, 'f:a': {} } } },
      { manager: 'kubectl-edit', operation: 'Update', apiVersion: 'v1', time: T2, fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:b': {} } } },
    ]);
    const unchanged = updateManagedFields(configMap({ a: '1', b: '3' }), configMap({ a: '1', b: '3' }), edited, { manager: 'other', apiVersion: 'v1' }, { type: configMapType, time: T2 });
    expect(encodeManagedFields(unchanged)).toEqual(encodeManagedFields(edited));
  });
});

describe('apply', () => {
  it('owns exactly what the configuration sets, list items with "."', () => {
    const config: JsonObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } },
      },
    };
    const { managers } = applyConfiguration({}, config, new Map(), { manager: 'kubectl', apiVersion: 'apps/v1' }, { type: deploymentType, time: T1 });
    expect(encodeManagedFields(managers)?.[0]).toEqual({
      manager: 'kubectl',
      operation: 'Apply',
      apiVersion: 'apps/v1',
      time: T1,
      fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': { 'f:labels': { 'f:app': {} } },
        'f:spec': {
          'f:selector': {},
          'f:template': {
            'f:metadata': { 'f:labels': { 'f:app': {} } },
            'f:spec': {
              'f:containers': {
                'k:{"name":"nginx"}': {
                  '.': {},
                  'f:image': {},
                  'f:name': {},
                  'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
                },
              },
            },
          },
        },
      },
    });
  });

  it('fails on a field another applier owns with a different value, with the real message', () => {
    const first = apply({}, configMap({ k: 'a' }), new Map());
    const error = (() => {
      try {
        apply(first.object, configMap({ k: 'b' }), first.managers, bob);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ApplyConflictError);
    expect((error as ApplyConflictError).message).toBe('Apply failed with 1 conflict: conflict with "alice": .data.k');
    expect((error as ApplyConflictError).conflicts).toEqual([{ manager: '"alice"', field: '.data.k' }]);
  });

  it('names updaters with their apiVersion and groups several conflicts by manager', () => {
    const created = updateManagedFields({}, configMap({ a: '1', b: '2' }), new Map(), { manager: 'kubectl-create', apiVersion: 'v1' }, { type: configMapType, time: T1 });
    expect(() => apply(configMap({ a: '1', b: '2' }), configMap({ a: 'x', b: 'y' }), created)).toThrow(
      'Apply failed with 2 conflicts: conflicts with "kubectl-create" using v1:\n- .data.a\n- .data.b',
    );
  });

  it('takes the fields with force, and the previous owner gives them up', () => {
    const first = apply({}, configMap({ k: 'a', other: 'x' }), new Map());
    const forced = apply(first.object, configMap({ k: 'b' }), first.managers, bob, true, T2);
    expect(forced.object.data).toEqual({ k: 'b', other: 'x' });
    expect(encodeManagedFields(forced.managers)?.map((entry) => [entry.manager, entry.fieldsV1])).toEqual([
      ['alice', { 'f:data': { 'f:other': {} } }],
      ['bob', { 'f:data': { 'f:k': {} } }],
    ]);
  });

  it('removes a field its applier stops applying, unless another manager still owns it', () => {
    const first = apply({}, configMap({ a: '1', b: '2', c: '3' }), new Map());
    const shared = apply(first.object, configMap({ c: '3' }), first.managers, bob, false, T2);
    const dropped = apply(shared.object, configMap({ a: '1' }), shared.managers, alice, false, T2);
    expect(dropped.object.data).toEqual({ a: '1', c: '3' });
    // bob's apply changed nothing, so his entry has no time and sorts first.
    expect(encodeManagedFields(dropped.managers)?.map((entry) => [entry.manager, entry.time, entry.fieldsV1])).toEqual([
      ['bob', undefined, { 'f:data': { 'f:c': {} } }],
      ['alice', T2, { 'f:data': { 'f:a': {} } }],
    ]);
  });

  it('re-applying the same configuration changes nothing, time included', () => {
    const first = apply({}, configMap({ a: '1' }, { x: 'y' }), new Map());
    const again = apply(first.object, configMap({ a: '1' }, { x: 'y' }), first.managers, alice, false, T2);
    expect(again.object).toEqual(first.object);
    expect(encodeManagedFields(again.managers)).toEqual(encodeManagedFields(first.managers));
  });

  it('merges containers by name, keeping live order and fields other managers set', () => {
    const config = (containers: JsonObject[]): JsonObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { template: { spec: { containers } } },
    });
    const identity = { manager: 'kubectl', apiVersion: 'apps/v1' };
    const first = applyConfiguration({}, config([{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }]), new Map(), identity, { type: deploymentType, time: T1 });
    const next = applyConfiguration(first.object, config([{ name: 'b', image: 'b:2' }]), first.managers, identity, { type: deploymentType, time: T2 });
    expect((next.object.spec as JsonObject).template).toEqual({ spec: { containers: [{ name: 'b', image: 'b:2' }] } });
  });

  it('works on kinds without a schema: maps merge, lists are atomic', () => {
    const first = applyConfiguration({}, { apiVersion: 'x/v1', kind: 'Thing', metadata: { name: 't' }, spec: { list: [1, 2], map: { a: 1 } } }, new Map(), alice, { type: UNTYPED, time: T1 });
    expect(encodeManagedFields(first.managers)?.[0]?.fieldsV1).toEqual({ 'f:spec': { '.': {}, 'f:list': {}, 'f:map': { '.': {}, 'f:a': {} } } });
    const next = applyConfiguration(first.object, { apiVersion: 'x/v1', kind: 'Thing', metadata: { name: 't' }, spec: { list: [3] } }, first.managers, alice, { type: UNTYPED, time: T2 });
    expect(next.object.spec).toEqual({ list: [3] });
  });

  it('keeps live duplicates of a map-list the configuration does not name', () => {
    const type = builtInApplyType({ group: '', version: 'v1', kind: 'Pod' })!;
    const pod = (env: JsonObject[]): JsonObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', env }] } });
    const live = pod([{ name: 'A', value: '1' }, { name: 'A', value: '2' }]);
    const { object } = applyConfiguration(live, pod([{ name: 'B', value: '3' }]), new Map(), alice, { type, time: T1 });
    expect(((object.spec as JsonObject).containers as JsonObject[])[0]!.env).toEqual([{ name: 'A', value: '1' }, { name: 'A', value: '2' }, { name: 'B', value: '3' }]);
  });

  it('escapes <, > and & in the last-applied annotation as Go does', () => {
    const live: JsonObject = { ...configMap({ a: '1' }), metadata: { name: 'cm', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}\n' } } };
    const { object } = applyConfiguration(live, configMap({ a: '<&>' }), new Map(), { manager: 'kubectl', apiVersion: 'v1' }, { type: configMapType, time: T1 });
    expect(((object.metadata as JsonObject).annotations as JsonObject)['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"v1","data":{"a":"\\u003c\\u0026\\u003e"},"kind":"ConfigMap","metadata":{"name":"cm","namespace":"default"}}\n',
    );
  });

  it('folds the oldest Update entries beyond ten into ancient-changes', () => {
    let managers: Managers = new Map();
    let live: JsonObject = configMap({});
    for (let i = 0; i < 12; i++) {
      const next = configMap({ ...(live.data as Record<string, string>), [`k${i}`]: 'v' });
      managers = updateManagedFields(live, next, managers, { manager: `m${String(i).padStart(2, '0')}`, apiVersion: 'v1' }, { type: configMapType, time: `2026-12-02T10:00:${String(i).padStart(2, '0')}Z` });
      live = next;
    }
    const entries = encodeManagedFields(managers)!;
    expect(entries).toHaveLength(10);
    expect(entries[0]).toMatchObject({ manager: 'ancient-changes', time: '2026-12-02T10:00:02Z', fieldsV1: { 'f:data': { 'f:k0': {}, 'f:k1': {}, 'f:k2': {} } } });
  });

  it('reads back what it writes', () => {
    const first = apply({}, configMap({ a: '1' }, { x: 'y' }), new Map());
    const entries = JSON.parse(JSON.stringify(encodeManagedFields(first.managers))) as unknown;
    const decoded = decodeManagedFields(entries);
    expect(encodeManagedFields(decoded)).toEqual(entries);
  });
});
