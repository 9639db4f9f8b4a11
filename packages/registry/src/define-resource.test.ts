import { fieldErrorMessage } from '@kubekit/apimachinery';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineResource } from './define-resource.js';
import { decodeAs } from './decode-body.js';
import { Registry } from './registry.js';

const foos = defineResource({
  group: 'hello.zeng.dev',
  version: 'v1',
  kind: 'Foo',
  plural: 'foos',
  scope: 'Namespaced',
  shortNames: ['fo'],
  schema: z.object({
    spec: z.object({ msg: z.string().min(1).describe('The message a Foo carries.'), replicas: z.int().min(0).default(1) }),
  }),
  columns: [{ name: 'Message', type: 'string', cell: (foo) => (foo as { spec?: { msg?: string } }).spec?.msg ?? null }],
});

describe('defineResource', () => {
  it('declares a kind from a zod schema: names defaulted, the schema as OpenAPI', () => {
    expect(foos).toMatchObject({ resource: 'foos', singular: 'foo', listKind: 'FooList', namespaced: true, shortNames: ['fo'], generation: true });
    expect(foos.openApiSchema).toMatchObject({
      type: 'object',
      properties: { spec: { properties: { msg: { type: 'string', description: 'The message a Foo carries.' } }, required: ['msg'] } },
    });
    expect(foos.openApiSchema).not.toHaveProperty('$schema');
  });

  it('prunes, defaults and validates as a CRD does', async () => {
    const decoded = decodeAs(foos, { apiVersion: 'hello.zeng.dev/v1', kind: 'Foo', metadata: { name: 'x' }, spec: { msg: 'hi', colour: 'red' } }, 'Warn');
    expect(decoded).toEqual({
      object: { apiVersion: 'hello.zeng.dev/v1', kind: 'Foo', metadata: { name: 'x' }, spec: { msg: 'hi', replicas: 1 } },
      warnings: ['unknown field "spec.colour"'],
    });
    expect(foos.strategy?.validate?.({ spec: { msg: '', replicas: -1 } } as never).map(fieldErrorMessage)).toEqual([
      'spec.msg: Invalid value: "": spec.msg in body should be at least 1 chars long',
      'spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0',
    ]);
    const registry = new Registry();
    await registry.bootstrap();
    const store = registry.register(foos);
    await expect(store.create('default', { apiVersion: 'hello.zeng.dev/v1', kind: 'Foo', metadata: { name: 'y' }, spec: {} })).rejects.toMatchObject({
      status: { code: 422, message: 'Foo.hello.zeng.dev "y" is invalid: spec.msg: Required value' },
    });
  });
});
