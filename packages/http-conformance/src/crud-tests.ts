import { expect, it } from 'vitest';
import { JSON_HEADERS, type Target, configMap } from './target.js';

type ConfigMap = { metadata: { name: string; uid: string; resourceVersion: string }; data?: Record<string, string> };

/** Create, get, replace, delete, and the errors of each, as a Status (API Conventions: "Response Status Kind"). */
export function crudTests(target: () => Target): void {
  const CM = '/api/v1/namespaces/default/configmaps';

  it('creates (201), reads, replaces and deletes an object', async () => {
    const t = target();
    const created = await t.call(CM, { method: 'POST', headers: JSON_HEADERS, body: configMap('crud') });
    expect(created.status).toBe(201);
    const object = created.json<ConfigMap>();
    expect(object.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    const read = await t.call(`${CM}/crud`);
    expect(read.status).toBe(200);
    expect(read.headers['content-type']).toBe('application/json');
    expect(read.json<ConfigMap>().metadata.resourceVersion).toBe(object.metadata.resourceVersion);
    const replaced = await t.call(`${CM}/crud`, { method: 'PUT', headers: JSON_HEADERS, body: JSON.stringify({ ...object, data: { k: 'w' } }) });
    expect(replaced.status).toBe(200);
    expect(replaced.json<ConfigMap>().data).toEqual({ k: 'w' });
    const deleted = await t.call(`${CM}/crud`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    const gone = await t.call(`${CM}/crud`);
    expect(gone.status).toBe(404);
    expect(gone.json()).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'configmaps "crud" not found' });
  });

  it('answers a duplicate name with 409 AlreadyExists and a stale update with 409 Conflict', async () => {
    const t = target();
    const created = (await t.call(CM, { method: 'POST', headers: JSON_HEADERS, body: configMap('stale') })).json<ConfigMap>();
    const again = await t.call(CM, { method: 'POST', headers: JSON_HEADERS, body: configMap('stale') });
    expect(again.status).toBe(409);
    expect(again.json()).toMatchObject({ kind: 'Status', reason: 'AlreadyExists', message: 'configmaps "stale" already exists' });
    await t.call(`${CM}/stale`, { method: 'PUT', headers: JSON_HEADERS, body: JSON.stringify({ ...created, data: { k: '1' } }) });
    const conflict = await t.call(`${CM}/stale`, { method: 'PUT', headers: JSON_HEADERS, body: JSON.stringify({ ...created, data: { k: '2' } }) });
    expect(conflict.status).toBe(409);
    expect(conflict.json()).toMatchObject({
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on configmaps "stale": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it('answers errors as a Status: 400 for a body that is not an object, 422 Invalid with causes, 404 for an unknown path, 405 for a verb not served', async () => {
    const t = target();
    const garbage = await t.call(CM, { method: 'POST', headers: JSON_HEADERS, body: '{not json' });
    expect(garbage.status).toBe(400);
    expect(garbage.json()).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
    const invalid = await t.call(CM, { method: 'POST', headers: JSON_HEADERS, body: configMap('Not_A_Name') });
    expect(invalid.status).toBe(422);
    expect(invalid.json()).toMatchObject({ kind: 'Status', reason: 'Invalid', details: { causes: [{ field: 'metadata.name' }] } });
    const unknown = await t.call('/api/v1/nothings');
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'the server could not find the requested resource' });
    const notAllowed = await t.call('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews');
    expect(notAllowed.status).toBe(405);
    expect(notAllowed.json()).toMatchObject({ kind: 'Status', reason: 'MethodNotAllowed' });
  });
}
