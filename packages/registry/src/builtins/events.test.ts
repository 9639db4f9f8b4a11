import { describe, expect, it } from 'vitest';
import { row, storeOf } from './catalogue.test-util.js';

const events = (group: string) => storeOf(group, 'events');

/** The cells of the kind's own columns, by name (NAME is also the last, wide-only column of an Event). */

const involved = { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'u1', apiVersion: 'v1', fieldPath: 'spec.containers{web}' };

describe('core/v1 events', () => {
  it('print LAST SEEN, TYPE, REASON, OBJECT and MESSAGE, and the wide columns', async () => {
    const store = await events('');
    const { object } = await store.create('default', {
      metadata: { name: 'web-1.abc' },
      involvedObject: involved,
      reason: 'BackOff',
      message: 'Back-off restarting failed container\n',
      type: 'Warning',
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: '2026-01-01T11:00:00Z',
      lastTimestamp: '2026-01-01T11:58:00Z',
      count: 7,
    });
    expect(row(store, object)).toMatchObject({
      'Last Seen': '2m',
      Type: 'Warning',
      Reason: 'BackOff',
      Object: 'pod/web-1',
      Subobject: 'spec.containers{web}',
      Source: 'kubelet, node-1',
      Message: 'Back-off restarting failed container',
      'First Seen': '60m',
      Count: 7,
      Name: 'web-1.abc',
    });
  });

  it('select on the involved object as kubectl events --for does', async () => {
    const store = await events('');
    await store.create('default', { metadata: { name: 'a' }, involvedObject: involved, reason: 'Pulled', type: 'Normal', source: { component: 'kubelet' } });
    const selector = 'involvedObject.kind=Pod,involvedObject.apiVersion=v1,involvedObject.name=web-1,source=kubelet';
    expect((await store.list({ fieldSelector: selector })).items).toHaveLength(1);
    await expect(store.create('default', { metadata: { name: 'b' }, involvedObject: { ...involved, namespace: 'other' } })).rejects.toMatchObject({
      status: { message: 'Event "b" is invalid: involvedObject.namespace: Invalid value: "other": does not match event.namespace' },
    });
  });
});

describe('events.k8s.io/v1 events', () => {
  it('are printed and selected from their regarding object', async () => {
    const store = await events('events.k8s.io');
    const { object } = await store.create('default', {
      metadata: { name: 'web-1.def' },
      eventTime: '2026-01-01T11:59:00.000000Z',
      reportingController: 'example.com/controller',
      reportingInstance: 'controller-1',
      action: 'Scaling',
      reason: 'Scaled',
      regarding: involved,
      note: 'scaled up',
      type: 'Normal',
    });
    expect(row(store, object)).toMatchObject({ 'Last Seen': '60s', Object: 'pod/web-1', Source: 'example.com/controller, controller-1', Count: 1, Message: 'scaled up' });
    expect((await store.list({ fieldSelector: 'regarding.name=web-1,reportingController=example.com/controller' })).items).toHaveLength(1);
  });

  it('require the fields of a new-style event', async () => {
    const store = await events('events.k8s.io');
    await expect(store.create('default', { metadata: { name: 'e' }, regarding: involved, type: 'Info' })).rejects.toMatchObject({
      status: { message: 'Event.events.k8s.io "e" is invalid: [eventTime: Required value, type: Invalid value: "": has invalid value: Info]' },
    });
  });
});
