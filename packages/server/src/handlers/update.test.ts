import type { AdmissionPlugin } from '@kubekit/registry';
import { describe, expect, it } from 'vitest';
import { createServer } from '../server.js';
import { json, requester } from '../test-client.test-util.js';

const CONFIG_MAP = '/api/v1/namespaces/default/configmaps/settings';

/** Two PUTs of one ConfigMap by two managers, at once or one after the other; the stored object's fields and owners. */
async function twoPuts(atOnce: boolean) {
  // An asynchronous admission plugin lets the first PUT land while the second waits, so the second starts again.
  const slow: AdmissionPlugin = { name: 'Slow', admit: () => new Promise((resolve) => setImmediate(resolve)) };
  const server = await createServer({ admission: [slow] });
  const request = requester((r) => server.handle(r));
  await server.client.resource('v1', 'configmaps').create({ metadata: { name: 'settings', namespace: 'default' }, data: { a: '0' } });
  const put = (manager: string, data: Record<string, string>) =>
    request(`${CONFIG_MAP}?fieldManager=${manager}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data },
    });
  // The second sends `a` as the first left it: it does not take `a` from the first.
  const first = { a: '1' };
  const second = { a: '1', c: '2' };
  const answers = atOnce ? await Promise.all([put('first', first), put('second', second)]) : [await put('first', first), await put('second', second)];
  const stored = json<{ metadata: { managedFields: Array<{ manager: string; fieldsV1: unknown }> }; data: unknown }>(await request(CONFIG_MAP));
  await server.close();
  return {
    codes: answers.map((answer) => answer.status),
    data: stored.data,
    owners: stored.metadata.managedFields.map(({ manager, fieldsV1 }) => ({ manager, fieldsV1 })).sort((x, y) => x.manager.localeCompare(y.manager)),
  };
}

describe('PUT', () => {
  it('that starts again after a concurrent write decodes its body anew: the outcome is that of the two in turn', async () => {
    const inTurn = await twoPuts(false);
    expect(inTurn.data).toEqual({ a: '1', c: '2' });
    expect(inTurn.owners.map((owner) => owner.manager)).toEqual(['first', 'kubekit', 'second']);
    expect(await twoPuts(true)).toEqual(inTurn);
  });
});
