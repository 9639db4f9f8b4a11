import { expect, it } from 'vitest';
import type { Target } from './target.js';

const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';

/** Version, health, discovery (legacy and aggregated) and OpenAPI, all under the base path. */
export function discoveryTests(target: () => Target): void {
  it('serves /version, /healthz, /livez and /readyz', async () => {
    const t = target();
    expect((await t.call('/version')).json()).toMatchObject({ gitVersion: expect.stringMatching(/^v1\./) });
    for (const path of ['/healthz', '/livez', '/readyz']) {
      const answer = await t.call(path);
      expect([answer.status, answer.body.toString()]).toEqual([200, 'ok']);
    }
  });

  it('serves legacy discovery: /api, /apis, /api/v1, /apis/apps, /apis/apps/v1', async () => {
    const t = target();
    expect((await t.call('/api')).json()).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = (await t.call('/apis')).json<{ kind: string; groups: { name: string }[] }>();
    expect(groups.kind).toBe('APIGroupList');
    expect(groups.groups.map((group) => group.name)).toContain('apps');
    const core = (await t.call('/api/v1')).json<{ kind: string; resources: { name: string }[] }>();
    expect(core.kind).toBe('APIResourceList');
    expect(core.resources.map((resource) => resource.name)).toContain('configmaps');
    expect((await t.call('/apis/apps')).json()).toMatchObject({ kind: 'APIGroup', name: 'apps' });
    expect((await t.call('/apis/apps/v1')).json()).toMatchObject({ kind: 'APIResourceList', groupVersion: 'apps/v1' });
  });

  it('serves aggregated discovery with an ETag, and 304 when it did not change', async () => {
    const t = target();
    const first = await t.call('/apis', { headers: { accept: AGGREGATED } });
    expect(first.headers['content-type']).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    expect(first.json()).toMatchObject({ kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2' });
    const etag = first.headers['etag'];
    expect(etag).toBeTruthy();
    const again = await t.call('/apis', { headers: { accept: AGGREGATED, 'if-none-match': String(etag) } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('prints OpenAPI v3 URLs under the base path, which lead to the documents when resolved against the host', async () => {
    const t = target();
    const index = (await t.call('/openapi/v3')).json<{ paths: Record<string, { serverRelativeURL: string }> }>();
    const url = index.paths['api/v1']?.serverRelativeURL ?? '';
    expect(url.startsWith(`${t.basePath}/openapi/v3/api/v1?hash=`)).toBe(true);
    const document = await t.callAbsolute(url);
    expect(document.status).toBe(200);
    expect(document.json()).toMatchObject({ openapi: '3.0.0' });
    expect((await t.call('/openapi/v2')).json()).toMatchObject({ swagger: '2.0' });
  });
}
