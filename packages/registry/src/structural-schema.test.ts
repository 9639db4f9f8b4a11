import { fieldErrorMessage } from '@kubekit/apimachinery';
import { describe, expect, it } from 'vitest';
import { type JsonSchemaProps, applyDefaults, pruneUnknown, validateSchema } from './structural-schema.js';

const schema: JsonSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['msg'],
      properties: {
        msg: { type: 'string', minLength: 1, maxLength: 5, pattern: '^[a-z]+$' },
        replicas: { type: 'integer', minimum: 1, maximum: 3, default: 1 },
        mode: { type: 'string', enum: ['fast', 'slow'] },
        ports: { type: 'array', maxItems: 2, minItems: 1, items: { type: 'integer' } },
        port: { 'x-kubernetes-int-or-string': true },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        template: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object' } } },
      },
    },
  },
};

const messages = (value: unknown) => validateSchema(value, schema).map(fieldErrorMessage);

describe('a CRD version’s structural schema', () => {
  it('reports wrong types with kube-openapi’s wording', () => {
    expect(messages({ spec: { msg: 'a', replicas: 'two' } })).toEqual(['spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"']);
    expect(messages({ spec: { msg: 'a', port: true } })).toEqual(['spec.port: Invalid value: "boolean": spec.port in body must be of type integer or string: "boolean"']);
    expect(messages({ spec: { msg: 'a', port: 'http' } })).toEqual([]);
  });

  it('reports required fields, enums, bounds, lengths, patterns and item counts', () => {
    expect(messages({ spec: {} })).toEqual(['spec.msg: Required value']);
    expect(messages({ spec: { msg: 'a', mode: 'warp' } })).toEqual(['spec.mode: Unsupported value: "warp": supported values: "fast", "slow"']);
    expect(messages({ spec: { msg: 'a', replicas: 0 } })).toEqual(['spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1']);
    expect(messages({ spec: { msg: 'a', replicas: 4 } })).toEqual(['spec.replicas: Invalid value: 4: spec.replicas in body should be less than or equal to 3']);
    expect(messages({ spec: { msg: 'abcdef' } })).toEqual(['spec.msg: Invalid value: "abcdef": spec.msg in body should be at most 5 chars long']);
    expect(messages({ spec: { msg: 'A' } })).toEqual(["spec.msg: Invalid value: \"A\": spec.msg in body should match '^[a-z]+$'"]);
    expect(messages({ spec: { msg: 'a', ports: [1, 2, 3] } })).toEqual(['spec.ports: Too many: 3: must have at most 2 items']);
    expect(messages({ spec: { msg: 'a', ports: [] } })).toEqual(['spec.ports: Invalid value: 0: spec.ports in body should have at least 1 items']);
    expect(messages({ spec: { msg: 'a', labels: { a: 1 } } })).toEqual(['spec.labels.a: Invalid value: "integer": spec.labels.a in body must be of type string: "integer"']);
  });

  it('refuses duplicates in list-type sets and maps', () => {
    const lists: JsonSchemaProps = {
      type: 'object',
      properties: {
        tags: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
        ports: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['port'],
          items: { type: 'object', properties: { port: { type: 'integer' }, name: { type: 'string' } } },
        },
        atomic: { type: 'array', items: { type: 'string' } },
      },
    };
    const check = (value: unknown) => validateSchema(value, lists).map(fieldErrorMessage);
    expect(check({ tags: ['a', 'b', 'a'], atomic: ['x', 'x'] })).toEqual(['tags[2]: Duplicate value: "a"']);
    expect(check({ ports: [{ port: 80, name: 'a' }, { port: 81 }, { port: 80, name: 'b' }] })).toEqual(['ports[2]: Duplicate value: {"port":80}']);
    expect(check({ tags: ['a', 'b'], ports: [{ port: 80 }, { port: 81 }] })).toEqual([]);
  });

  it('prunes what the schema does not declare, keeping preserved and embedded object fields', () => {
    const object = {
      apiVersion: 'hello.zeng.dev/v1',
      kind: 'Foo',
      metadata: { name: 'x' },
      colour: 'red',
      spec: { msg: 'a', colour: 'blue', extra: { any: { thing: 1 } }, template: { kind: 'Pod', metadata: {}, spec: {}, stray: 1 }, labels: { a: 'b' } },
    };
    expect(pruneUnknown(object, schema)).toEqual(['colour', 'spec.colour', 'spec.template.stray']);
    expect(object).toEqual({
      apiVersion: 'hello.zeng.dev/v1',
      kind: 'Foo',
      metadata: { name: 'x' },
      spec: { msg: 'a', extra: { any: { thing: 1 } }, template: { kind: 'Pod', metadata: {}, spec: {} }, labels: { a: 'b' } },
    });
  });

  it('fills defaults of missing fields only', () => {
    const object = { spec: { msg: 'a' } };
    applyDefaults(object, schema);
    expect(object).toEqual({ spec: { msg: 'a', replicas: 1 } });
    const set = { spec: { msg: 'a', replicas: 3 } };
    applyDefaults(set, schema);
    expect(set.spec.replicas).toBe(3);
  });
});
