import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.js';
import { type ApplyType, UNTYPED } from './apply-type.js';
import { builtInApplyType } from './built-in-types.js';
import { createdFields } from './created-fields.js';
import { FieldSet } from './field-set.js';
import { updateManagedFields } from './field-manager.js';
import { encodeManagedFields } from './managed-fields.js';
import { fieldElement } from './path-element.js';

/** What the general path records for the same create. */
function general(object: JsonObject, type: ApplyType, ignored: string[] = []): JsonObject | undefined {
  const set = FieldSet.empty();
  for (const key of ignored) set.insert([fieldElement(key)]);
  const managers = updateManagedFields({}, object, new Map(), { manager: 'm', apiVersion: 'v1' }, { type, time: 'T', ...(ignored.length > 0 && { ignored: set }) });
  return encodeManagedFields(managers)?.[0]?.fieldsV1;
}

const typeOf = (group: string, kind: string) => builtInApplyType({ group, version: 'v1', kind })!;

const samples: [string, JsonObject, ApplyType, string[]][] = [
  [
    'Deployment',
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default', uid: 'u', labels: { app: 'web' }, annotations: { a: 'b' }, finalizers: ['x', 'y'] },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              { name: 'b', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 81, protocol: 'UDP' }], env: [{ name: 'X', value: '1' }], resources: {} },
              { name: 'a', image: 'busybox', command: ['sh'] },
            ],
            securityContext: {},
            nodeSelector: { disk: 'ssd' },
          },
        },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } },
      },
      status: { replicas: 1 },
    },
    typeOf('apps', 'Deployment'),
    ['status'],
  ],
  [
    'Service',
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's', namespace: 'default' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }], type: 'ClusterIP', sessionAffinity: 'None', clusterIPs: [] },
    },
    typeOf('', 'Service'),
    ['status'],
  ],
  ['ConfigMap without data', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, typeOf('', 'ConfigMap'), []],
  ['untyped', { apiVersion: 'x/v1', kind: 'T', metadata: { name: 't', labels: { a: 'b' } }, spec: { list: [1], map: { a: { b: null } }, empty: {} } }, UNTYPED, []],
];

describe('createdFields', () => {
  it.each(samples)('records what the general path records: %s', (_name, object, type, ignored) => {
    expect(createdFields(object, type, new Set(ignored))).toEqual(general(object, type, ignored));
  });

  it('agrees with the general path on random objects, typed and untyped', () => {
    const pod = typeOf('', 'Pod');
    const name = fc.stringMatching(/^[a-z]{1,6}$/);
    const labels = fc.dictionary(name, name, { maxKeys: 3 });
    const container = fc.record({ name, image: name, args: fc.array(name, { maxLength: 2 }), env: fc.uniqueArray(fc.record({ name, value: name }), { selector: (e) => e.name, maxLength: 3 }) }, { requiredKeys: ['name'] });
    const podObject = fc.record({
      apiVersion: fc.constant('v1'),
      kind: fc.constant('Pod'),
      metadata: fc.record({ name, labels, annotations: labels }, { requiredKeys: ['name'] }),
      spec: fc.record({ containers: fc.uniqueArray(container, { selector: (c) => c.name, maxLength: 3 }), nodeSelector: labels, hostNetwork: fc.boolean() }, { requiredKeys: [] }),
    });
    fc.assert(
      fc.property(podObject, (object) => {
        expect(createdFields(object as JsonObject, pod, new Set(['status']))).toEqual(general(object as JsonObject, pod, ['status']));
      }),
      { numRuns: 300 },
    );
    const untyped = fc.dictionary(name, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }).map((o) => JSON.parse(JSON.stringify(o)) as JsonObject);
    fc.assert(
      fc.property(untyped, (object) => {
        expect(createdFields(object, UNTYPED)).toEqual(general(object, UNTYPED));
      }),
      { numRuns: 300 },
    );
  });
});
