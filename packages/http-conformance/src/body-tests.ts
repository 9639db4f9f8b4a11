import { PROTOBUF_CONTENT_TYPE, decodeKubernetesProtobuf, encodeKubernetesProtobuf } from '@kubekit/types/protobuf';
import { expect, it } from 'vitest';
import { JSON_HEADERS, type Target, configMap } from './target.js';

/** Request bodies: the 3 MiB limit (apiserver MaxRequestBodyBytes), YAML and protobuf. */
export function bodyTests(target: () => Target): void {
  const CM = '/api/v1/namespaces/default/configmaps';

  it('refuses a body over 3 MiB with 413, and takes one just under it', async () => {
    const t = target();
    const over = configMap('big', { k: 'x'.repeat(3 * 1024 * 1024) });
    const refused = await t.call(CM, { method: 'POST', headers: JSON_HEADERS, body: over });
    expect(refused.status).toBe(413);
    expect(refused.json()).toMatchObject({ kind: 'Status', reason: 'RequestEntityTooLarge', code: 413 });
    // A ConfigMap's data is limited to 1 MiB on its own: the body near the limit is padded with whitespace.
    const near = configMap('near');
    const under = near + ' '.repeat(3 * 1024 * 1024 - near.length);
    const taken = await t.call(CM, { method: 'POST', headers: JSON_HEADERS, body: under });
    expect(taken.status).toBe(201);
  });

  it('takes YAML and Kubernetes protobuf bodies, and answers in protobuf when asked', async () => {
    const t = target();
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  k: yaml\n';
    expect((await t.call(CM, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: yaml })).status).toBe(201);
    const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-protobuf' }, data: { k: 'protobuf', binary: '\u0000\u00ff' } };
    const created = await t.call(CM, {
      method: 'POST',
      headers: { 'content-type': PROTOBUF_CONTENT_TYPE, accept: 'application/json' },
      body: encodeKubernetesProtobuf(object),
    });
    expect(created.status).toBe(201);
    expect(created.json()).toMatchObject({ data: object.data });
    const read = await t.call(`${CM}/from-protobuf`, { headers: { accept: PROTOBUF_CONTENT_TYPE } });
    expect(read.headers['content-type']).toBe(PROTOBUF_CONTENT_TYPE);
    expect(decodeKubernetesProtobuf(read.body).object).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'from-protobuf' }, data: object.data });
  });
}
