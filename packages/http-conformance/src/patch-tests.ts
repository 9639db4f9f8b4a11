import { expect, it } from 'vitest';
import { JSON_HEADERS, type Target, configMap } from './target.js';

const patchAs = (t: Target, path: string, type: string, body: string, query = '') =>
  t.call(`${path}${query}`, { method: 'PATCH', headers: { 'content-type': `application/${type}`, accept: 'application/json' }, body });

type ConfigMap = { data?: Record<string, string>; metadata: { managedFields?: { manager: string; operation: string }[] } };

/** The four patch types (API Concepts: "Patch operations"), whose bodies must reach the server as sent. */
export function patchTests(target: () => Target): void {
  const CM = '/api/v1/namespaces/default/configmaps';

  it('applies a JSON patch, a merge patch and a strategic merge patch', async () => {
    const t = target();
    await t.call(CM, { method: 'POST', headers: JSON_HEADERS, body: configMap('patched', { a: '1', b: '2' }) });
    const json = await patchAs(t, `${CM}/patched`, 'json-patch+json', '[{"op":"replace","path":"/data/a","value":"j"},{"op":"remove","path":"/data/b"}]');
    expect(json.status).toBe(200);
    expect(json.json<ConfigMap>().data).toEqual({ a: 'j' });
    const merge = await patchAs(t, `${CM}/patched`, 'merge-patch+json', '{"data":{"m":"1","a":null}}');
    expect(merge.json<ConfigMap>().data).toEqual({ m: '1' });
    const strategic = await patchAs(t, `${CM}/patched`, 'strategic-merge-patch+json', '{"data":{"s":"1"}}');
    expect(strategic.json<ConfigMap>().data).toEqual({ m: '1', s: '1' });
  });

  it('applies server-side (apply-patch+yaml) for a field manager, and refuses a conflicting manager with 409', async () => {
    const t = target();
    const yaml = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  namespace: default\ndata:\n  mode: ${value}\n`;
    const created = await patchAs(t, `${CM}/applied`, 'apply-patch+yaml', yaml('fast'), '?fieldManager=alice');
    expect(created.status).toBe(201);
    expect(created.json<ConfigMap>().metadata.managedFields?.[0]).toMatchObject({ manager: 'alice', operation: 'Apply' });
    const conflict = await patchAs(t, `${CM}/applied`, 'apply-patch+yaml', yaml('slow'), '?fieldManager=bob');
    expect(conflict.status).toBe(409);
    expect(conflict.json()).toMatchObject({ kind: 'Status', reason: 'Conflict' });
  });

  it('sees the patch byte for byte: a key given twice is a duplicate field under fieldValidation=Strict', async () => {
    const t = target();
    await t.call(CM, { method: 'POST', headers: JSON_HEADERS, body: configMap('twice') });
    const strict = await patchAs(t, `${CM}/twice`, 'merge-patch+json', '{"data":{"k":"1","k":"2"}}', '?fieldValidation=Strict');
    expect(strict.status).toBe(400);
    expect(strict.json()).toMatchObject({ message: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: duplicate field "data.k"' });
  });

  it('answers 415 for a patch type it does not take', async () => {
    const t = target();
    const response = await patchAs(t, `${CM}/anything`, 'xml', '<data/>');
    expect(response.status).toBe(415);
    expect(response.json()).toMatchObject({ kind: 'Status', reason: 'UnsupportedMediaType' });
  });
}
