import { METADATA_NAME_DESCRIPTION, translateTimestampSince } from '@kubekit/apimachinery';
import type { KubeObject } from '../kube-object.js';
import type { TableColumn } from '../resource-definition.js';

/*
 * printEvent (k8s.io/kubernetes/pkg/printers/internalversion): both Event kinds are printed from
 * the internal (core-shaped) Event, so events.k8s.io/v1 objects are read through the same view.
 */

export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** The fields of the internal Event the printer and the field selectors read. */
export interface EventView {
  name: string;
  involvedObject: ObjectReference;
  type: string;
  reason: string;
  message: string;
  sourceComponent: string;
  sourceHost: string;
  reportingController: string;
  reportingInstance: string;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  count: number;
  series?: { count?: number; lastObservedTime?: string };
}

/** EventToSelectableFields (pkg/registry/core/event/strategy.go), under the core v1 names. */
export function eventFields(view: EventView): Record<string, string> {
  const object = view.involvedObject;
  return {
    'involvedObject.kind': object.kind ?? '',
    'involvedObject.namespace': object.namespace ?? '',
    'involvedObject.name': object.name ?? '',
    'involvedObject.uid': object.uid ?? '',
    'involvedObject.apiVersion': object.apiVersion ?? '',
    'involvedObject.resourceVersion': object.resourceVersion ?? '',
    'involvedObject.fieldPath': object.fieldPath ?? '',
    reason: view.reason,
    reportingComponent: view.reportingController,
    source: view.sourceComponent || view.reportingController,
    type: view.type,
  };
}

function cells(view: EventView, now: number) {
  const since = (timestamp: string | undefined) => translateTimestampSince(timestamp, now);
  const first = view.firstTimestamp ? since(view.firstTimestamp) : since(view.eventTime);
  let last = view.lastTimestamp ? since(view.lastTimestamp) : first;
  // Singleton events of the new API have no count.
  let count = view.count || 1;
  if (view.series) {
    last = since(view.series.lastObservedTime);
    count = view.series.count ?? 0;
  }
  const object = view.involvedObject;
  const kind = (object.kind ?? '').toLowerCase();
  const component = view.sourceComponent || view.reportingController;
  const instance = view.sourceHost || view.reportingInstance;
  return {
    last,
    first,
    count,
    target: object.name ? `${kind}/${object.name}` : kind,
    source: instance ? `${component}, ${instance}` : component,
  };
}

/** The Event columns; the server prints wide, so NAME comes last (priority 1), not first. */
export function eventColumns<T extends KubeObject>(view: (event: T) => EventView): TableColumn<T>[] {
  return [
    {
      name: 'Last Seen',
      type: 'string',
      description: 'The time at which the most recent occurrence of this event was recorded.',
      cell: (e, now) => cells(view(e), now).last,
    },
    { name: 'Type', type: 'string', description: 'Type of this event (Normal, Warning), new types could be added in the future', cell: (e) => view(e).type },
    { name: 'Reason', type: 'string', description: "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.", cell: (e) => view(e).reason },
    { name: 'Object', type: 'string', description: 'The object that this event is about.', cell: (e, now) => cells(view(e), now).target },
    {
      name: 'Subobject',
      type: 'string',
      priority: 1,
      description:
        'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].',
      cell: (e) => view(e).involvedObject.fieldPath ?? '',
    },
    { name: 'Source', type: 'string', priority: 1, description: 'The component reporting this event. Should be a short machine understandable string.', cell: (e, now) => cells(view(e), now).source },
    { name: 'Message', type: 'string', description: 'A human-readable description of the status of this operation.', cell: (e) => view(e).message.trim() },
    { name: 'First Seen', type: 'string', priority: 1, description: 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', cell: (e, now) => cells(view(e), now).first },
    { name: 'Count', type: 'string', priority: 1, description: 'The number of times this event has occurred.', cell: (e, now) => cells(view(e), now).count },
    {
      name: 'Name',
      type: 'string',
      format: 'name',
      priority: 1,
      description: METADATA_NAME_DESCRIPTION,
      cell: (e) => view(e).name,
    },
  ];
}
