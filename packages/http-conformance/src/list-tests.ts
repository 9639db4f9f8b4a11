import { expect, it } from 'vitest';
import { JSON_HEADERS, type Target, configMap } from './target.js';

type List = { kind: string; metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number }; items: { metadata: { name: string } }[] };

const names = (list: List) => list.items.map((item) => item.metadata.name);

/** Paging (limit, continue) and selectors (API Concepts: "Retrieving large results sets in chunks"; labels; field selectors). */
export function listTests(target: () => Target): void {
  const NS = '/api/v1/namespaces/listing';
  const CM = `${NS}/configmaps`;

  it('pages a list with limit and continue, and filters by label and field', async () => {
    const t = target();
    await t.call('/api/v1/namespaces', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ metadata: { name: 'listing' } }) });
    for (const [name, tier] of [['a', 'web'], ['b', 'db'], ['c', 'web'], ['d', 'cache'], ['e', 'web']] as const) {
      expect((await t.call(CM, { method: 'POST', headers: JSON_HEADERS, body: configMap(name, { k: 'v' }, { tier }) })).status).toBe(201);
    }
    const first = (await t.call(`${CM}?limit=2`)).json<List>();
    expect(first.kind).toBe('ConfigMapList');
    expect(names(first)).toEqual(['a', 'b']);
    expect(first.metadata.remainingItemCount).toBe(3);
    const second = (await t.call(`${CM}?limit=2&continue=${encodeURIComponent(first.metadata.continue!)}`)).json<List>();
    expect(names(second)).toEqual(['c', 'd']);
    const last = (await t.call(`${CM}?limit=2&continue=${encodeURIComponent(second.metadata.continue!)}`)).json<List>();
    expect(names(last)).toEqual(['e']);
    expect(last.metadata.continue).toBeUndefined();

    expect(names((await t.call(`${CM}?labelSelector=${encodeURIComponent('tier=web')}`)).json<List>())).toEqual(['a', 'c', 'e']);
    expect(names((await t.call(`${CM}?labelSelector=${encodeURIComponent('tier in (db,cache)')}`)).json<List>())).toEqual(['b', 'd']);
    expect(names((await t.call(`${CM}?labelSelector=${encodeURIComponent('tier!=web')}`)).json<List>())).toEqual(['b', 'd']);
    expect(names((await t.call(`${CM}?fieldSelector=${encodeURIComponent('metadata.name=d')}`)).json<List>())).toEqual(['d']);
  });

  it('answers a bad selector or continue token with 400 and an expired one with 410', async () => {
    const t = target();
    const field = await t.call(`${CM}?fieldSelector=${encodeURIComponent('spec.nothing=x')}`);
    expect(field.status).toBe(400);
    expect(field.json()).toMatchObject({ kind: 'Status', reason: 'BadRequest', message: 'field label not supported: spec.nothing' });
    const label = await t.call(`${CM}?labelSelector=${encodeURIComponent('tier in web')}`);
    expect(label.status).toBe(400);
    const token = await t.call(`${CM}?limit=1&continue=garbage`);
    expect(token.status).toBe(400);
  });

  it('lists across namespaces', async () => {
    const t = target();
    const all = (await t.call('/api/v1/configmaps')).json<List>();
    expect(all.kind).toBe('ConfigMapList');
    expect(names(all)).toEqual(expect.arrayContaining(['a', 'b', 'c', 'd', 'e']));
  });
}
