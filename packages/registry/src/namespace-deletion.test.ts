import { describe, expect, it } from 'vitest';
import { Registry } from './registry.js';

describe('namespace deletion', () => {
  it('keeps a terminating namespace until content held by finalizers is released', async () => {
    const registry = new Registry();
    await registry.bootstrap();
    const namespaces = registry.resource('', 'v1', 'namespaces')!;
    const configMaps = registry.resource('', 'v1', 'configmaps')!;
    await namespaces.create(undefined, { metadata: { name: 'team' } });
    await configMaps.create('team', { metadata: { name: 'free' } });
    await configMaps.create('team', { metadata: { name: 'held', finalizers: ['example.com/hold'] } });

    const { item } = await namespaces.delete(undefined, 'team');
    expect(item.object.status).toEqual({ phase: 'Terminating' });
    await expect(configMaps.get('team', 'free')).rejects.toMatchObject({ status: { code: 404 } });
    const held = await configMaps.get('team', 'held');
    expect(held.object.metadata?.deletionTimestamp).toBeDefined();
    expect((await namespaces.get(undefined, 'team')).object.status).toEqual({ phase: 'Terminating' });
    await expect(configMaps.create('team', { metadata: { name: 'late' } })).rejects.toMatchObject({
      status: { code: 403, message: 'configmaps "late" is forbidden: unable to create new content in namespace team because it is being terminated' },
    });

    await configMaps.update('team', 'held', (current) => ({ ...current, metadata: { ...current.metadata, finalizers: [] } }));
    await expect(configMaps.get('team', 'held')).rejects.toMatchObject({ status: { code: 404 } });
    await expect(namespaces.get(undefined, 'team')).rejects.toMatchObject({ status: { code: 404 } });
  });
});
