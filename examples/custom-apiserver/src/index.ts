import { type ExampleServerOptions, type RunningExampleServer, startExampleServer } from '@kubekit/example-server';
import { type KubeObject, type ResourceDefinition, ageColumn, builtinResources, defineResource } from '@kubekit/registry';
import { z } from 'zod';

/** A Foo: a message, and a second one printed with `-o wide`. */
export interface Foo extends KubeObject {
  spec?: { msg?: string; msg1?: string };
}

/** `hello.zeng.dev/v1` Foo, declared once: CRUD, watch, patches, apply, discovery, OpenAPI and Table follow. */
export const foos = defineResource<Foo>({
  group: 'hello.zeng.dev',
  version: 'v1',
  kind: 'Foo',
  plural: 'foos',
  scope: 'Namespaced',
  shortNames: ['fo'],
  schema: z.object({
    spec: z
      .object({
        msg: z.string().describe('msg says hello world!'),
        msg1: z.string().optional().describe('msg1 provides some verbose information'),
      })
      .describe('The desired state of a Foo.'),
  }),
  columns: [
    { name: 'Message', type: 'string', description: 'msg says hello world!', cell: (foo) => foo.spec?.msg ?? null },
    { name: 'Message1', type: 'string', priority: 1, description: 'msg1 provides some verbose information', cell: (foo) => foo.spec?.msg1 ?? null },
    ageColumn,
  ],
});

/**
 * What the server serves: Foos, and the namespaces they live in (an aggregated server checks
 * namespaces itself; the real cluster's are the ones clients see).
 */
export const fooApiResources: readonly ResourceDefinition[] = [
  ...builtinResources.filter((definition) => definition.group === '' && definition.resource === 'namespaces'),
  foos as unknown as ResourceDefinition,
];

/** Starts the Foo API server over HTTPS (a generated CA, written into the kubeconfig). */
export function startFooServer(options: ExampleServerOptions = {}): Promise<RunningExampleServer> {
  return startExampleServer({ ...options, resources: fooApiResources });
}
