import { randomBytes } from 'node:crypto';
import type { Client } from '@kubekit/server';
import type { Event } from '@kubekit/types';
import { formatTime } from '@kubekit/registry';
import type { Clock } from './clock.js';

/** The object an event is about, as `involvedObject` names it. */
export interface Involved {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; uid?: string; resourceVersion?: string };
}

export type EventType = 'Normal' | 'Warning';

/**
 * Writes core/v1 Events as a component's event recorder does (client-go tools/record): named
 * `<object>.<16 hex digits>`, in the object's namespace (`default` for a cluster-scoped one), with
 * the component as source and reporting controller. `kubectl describe` and `kubectl events` read
 * them. A failed write is dropped, as the recorder drops it.
 */
export class EventRecorder {
  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
    private readonly component: string,
    /** The node a kubelet's events come from. */
    private readonly host?: string,
  ) {}

  record(object: Involved, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const meta = object.metadata ?? {};
    const now = formatTime(this.clock.now());
    const event: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${meta.name ?? ''}.${randomBytes(8).toString('hex')}`, namespace: meta.namespace || 'default' },
      involvedObject: {
        apiVersion: object.apiVersion,
        kind: object.kind,
        name: meta.name,
        namespace: meta.namespace,
        uid: meta.uid,
        resourceVersion: meta.resourceVersion,
        ...(fieldPath && { fieldPath }),
      },
      reason,
      message,
      type,
      source: { component: this.component, ...(this.host && { host: this.host }) },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      reportingComponent: this.component,
      reportingInstance: this.host ?? '',
    };
    this.client
      .kind('v1', 'Event')
      .create(event, { fieldManager: this.component })
      .catch(() => undefined);
  }
}
