import { describe, expect, it } from 'vitest';
import { Registry } from './registry.js';

const NOW = Date.UTC(2026, 0, 1);

async function setUp() {
  const registry = new Registry({ now: () => NOW });
  await registry.bootstrap();
  const pods = registry.resource('', 'v1', 'pods')!;
  const nodes = registry.resource('', 'v1', 'nodes')!;
  await nodes.create(undefined, { metadata: { name: 'node-1' } });
  const pod = (name: string, nodeName?: string, grace?: number) =>
    pods.create('default', {
      metadata: { name },
      spec: { containers: [{ name: 'c', image: 'nginx' }], ...(nodeName && { nodeName }), ...(grace !== undefined && { terminationGracePeriodSeconds: grace }) },
    });
  return { pods, pod };
}

describe('pod deletion', () => {
  it('waits the grace period for the kubelet of a pod on an existing node; a delete with 0 then removes it', async () => {
    const { pods, pod } = await setUp();
    await pod('web', 'node-1');

    const { item, deleted } = await pods.delete('default', 'web');
    expect(deleted).toBe(false);
    expect(item.object.metadata).toMatchObject({ deletionTimestamp: '2026-01-01T00:00:30Z', deletionGracePeriodSeconds: 30 });
    // A longer grace period does not push the deadline back; a shorter one brings it forward.
    expect((await pods.delete('default', 'web', { gracePeriodSeconds: 60 })).item.object.metadata?.deletionTimestamp).toBe('2026-01-01T00:00:30Z');
    expect((await pods.delete('default', 'web', { gracePeriodSeconds: 5 })).item.object.metadata).toMatchObject({ deletionTimestamp: '2026-01-01T00:00:05Z', deletionGracePeriodSeconds: 5 });

    expect((await pods.delete('default', 'web', { gracePeriodSeconds: 0 })).deleted).toBe(true);
    await expect(pods.get('default', 'web')).rejects.toMatchObject({ status: { code: 404 } });
  });

  it('deletes at once a pod on no node, on a node that does not exist, or with a grace period of 0', async () => {
    const { pods, pod } = await setUp();
    await pod('pending');
    await pod('orphan', 'gone');
    await pod('quick', 'node-1', 0);
    for (const name of ['pending', 'orphan', 'quick']) expect((await pods.delete('default', name)).deleted).toBe(true);
  });
});
