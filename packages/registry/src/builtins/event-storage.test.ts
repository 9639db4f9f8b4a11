import { describe, expect, it } from 'vitest';
import { Registry } from '../registry.js';

describe('the two Event APIs', () => {
  it('read and write the same stored events, each in its own shape, selectors and watches included', async () => {
    const registry = new Registry({ now: () => Date.UTC(2026, 0, 1) });
    await registry.bootstrap();
    const core = registry.resource('', 'v1', 'events')!;
    const v1 = registry.resource('events.k8s.io', 'v1', 'events')!;
    const watch = await v1.watch({ namespace: 'default', resourceVersion: '0' });

    await core.create('default', {
      metadata: { name: 'web.1' },
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web' },
      reason: 'Started',
      message: 'Started container web',
      type: 'Normal',
      source: { component: 'kubelet', host: 'node-1' },
      count: 1,
    });
    await v1.create('default', {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'web.2' },
      eventTime: '2026-01-01T00:00:00.000000Z',
      reportingController: 'example.com/operator',
      reportingInstance: 'operator-0',
      action: 'Reconcile',
      reason: 'Synced',
      regarding: { kind: 'Pod', namespace: 'default', name: 'web' },
      note: 'synced',
      type: 'Normal',
    });

    const throughV1 = (await v1.list({ namespace: 'default' })).items.map((item) => item.object as Record<string, unknown>);
    expect(throughV1.map((event) => [event['apiVersion'], event['note'], (event['regarding'] as { name: string }).name])).toEqual([
      ['events.k8s.io/v1', 'Started container web', 'web'],
      ['events.k8s.io/v1', 'synced', 'web'],
    ]);
    expect(throughV1[0]).toMatchObject({ deprecatedSource: { component: 'kubelet', host: 'node-1' }, deprecatedCount: 1 });
    const throughCore = (await core.list({ namespace: 'default', fieldSelector: 'involvedObject.name=web,reason=Synced' })).items.map((item) => item.object as Record<string, unknown>);
    expect(throughCore).toEqual([expect.objectContaining({ apiVersion: 'v1', message: 'synced', reportingComponent: 'example.com/operator', involvedObject: expect.objectContaining({ name: 'web' }) })]);
    expect((await v1.list({ namespace: 'default', fieldSelector: 'regarding.name=web,reason=Started' })).items).toHaveLength(1);

    const batch = await watch.nextBatch();
    expect(batch?.map((item) => ('object' in item ? (item.object as Record<string, unknown>)['note'] : item.type))).toEqual(['Started container web', 'synced']);
    watch.stop();
    await registry.storage.close();
  });
});
