import { createServer } from '@kubekit/server';
import { MemoryStorage } from '@kubekit/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyTests } from './body-tests.js';
import { crudTests } from './crud-tests.js';
import { discoveryTests } from './discovery-tests.js';
import { listTests } from './list-tests.js';
import { patchTests } from './patch-tests.js';
import { HISTORY_WINDOW, type StartAdapter, Target } from './target.js';
import { watchTests } from './watch-tests.js';

export type { ServedAdapter, StartAdapter } from './target.js';

/** The mount points every adapter is run at: the root, and under a path as `app.use('/k8s', …)` does. */
const BASE_PATHS = ['', '/k8s'];

/**
 * The HTTP conformance suite: the same black-box tests, over a real socket, against a kubekit
 * server served through one adapter, at the root and under a base path. Call it at the top level
 * of a vitest file in the adapter's package; `start` serves the server it is given and says where.
 */
export function describeHttpConformance(adapter: string, start: StartAdapter): void {
  for (const basePath of BASE_PATHS) {
    describe(`${adapter} at ${basePath || '/'}`, () => {
      let target: Target | undefined;
      const current = () => {
        if (!target) throw new Error('the adapter did not start');
        return target;
      };

      beforeAll(async () => {
        const server = await createServer({ storage: new MemoryStorage({ historyWindow: HISTORY_WINDOW }) });
        target = new Target(server, await start(server, { basePath }), basePath);
      });

      afterAll(async () => {
        await target?.served.close();
        await target?.server.close();
      });

      describe('create, read, update, delete', () => crudTests(current));
      describe('patch', () => patchTests(current));
      describe('list', () => listTests(current));
      describe('watch', () => watchTests(current));
      describe('discovery and OpenAPI', () => discoveryTests(current));
      describe('bodies', () => bodyTests(current));

      if (basePath) {
        it('is not served outside its base path', async () => {
          expect((await current().callAbsolute('/api/v1/namespaces')).status).toBe(404);
        });
      }
    });
  }
}
