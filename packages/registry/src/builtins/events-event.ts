import { type FieldError, fieldInvalid, fieldRequired } from '@kubekit/apimachinery';
import type { ResourceDefinition } from '../resource-definition.js';
import { validateEventCommon } from './core-event.js';
import { type EventsV1Event, isEventsV1, toEventsV1 } from './event-conversion.js';
import { type EventView, eventColumns, eventFields } from './event-printer.js';

type Event = EventsV1Event;

function view(event: Event): EventView {
  return {
    name: event.metadata?.name ?? '',
    involvedObject: event.regarding ?? {},
    type: event.type ?? '',
    reason: event.reason ?? '',
    message: event.note ?? '',
    sourceComponent: event.deprecatedSource?.component ?? '',
    sourceHost: event.deprecatedSource?.host ?? '',
    reportingController: event.reportingController ?? '',
    reportingInstance: event.reportingInstance ?? '',
    firstTimestamp: event.deprecatedFirstTimestamp,
    lastTimestamp: event.deprecatedLastTimestamp,
    eventTime: event.eventTime,
    count: event.deprecatedCount ?? 0,
    series: event.series,
  };
}

// pkg/apis/events/v1/conversion.go: the events.k8s.io names of the core selectable fields.
const FIELD_NAMES: Record<string, string> = {
  'regarding.kind': 'involvedObject.kind',
  'regarding.namespace': 'involvedObject.namespace',
  'regarding.name': 'involvedObject.name',
  'regarding.uid': 'involvedObject.uid',
  'regarding.apiVersion': 'involvedObject.apiVersion',
  'regarding.resourceVersion': 'involvedObject.resourceVersion',
  'regarding.fieldPath': 'involvedObject.fieldPath',
  reportingController: 'reportingComponent',
  reason: 'reason',
  source: 'source',
  type: 'type',
};

/**
 * ValidateEventCreate for events.k8s.io: a new-style event. The deprecated fields are reported
 * under their internal (core) names, as the real server does.
 */
function validateEvent(event: Event): FieldError[] {
  // Every event passes the legacy checks first (ValidateEventCreate).
  const errors = validateEventCommon(
    {
      namespace: event.metadata?.namespace ?? '',
      involvedNamespace: event.regarding?.namespace ?? '',
      eventTime: event.eventTime,
      reportingController: event.reportingController ?? '',
      reportingInstance: event.reportingInstance ?? '',
      action: event.action ?? '',
      reason: event.reason ?? '',
    },
    'reportingController',
  );
  if (event.series) {
    if ((event.series.count ?? 0) < 2) errors.push(fieldInvalid('series.count', '', 'should be at least 2'));
    if (!event.series.lastObservedTime) errors.push(fieldRequired('series.lastObservedTime', ''));
  }
  if (!event.eventTime) errors.push(fieldRequired('eventTime', ''));
  if (event.type !== 'Normal' && event.type !== 'Warning') errors.push(fieldInvalid('type', '', `has invalid value: ${event.type ?? ''}`));
  if (event.deprecatedFirstTimestamp) errors.push(fieldInvalid('firstTimestamp', '', 'needs to be unset'));
  if (event.deprecatedLastTimestamp) errors.push(fieldInvalid('lastTimestamp', '', 'needs to be unset'));
  if (event.deprecatedCount) errors.push(fieldInvalid('count', '', 'needs to be unset'));
  if (event.deprecatedSource?.component || event.deprecatedSource?.host) errors.push(fieldInvalid('source', '', 'needs to be unset'));
  return errors;
}

export const eventsV1: ResourceDefinition<Event> = {
  group: 'events.k8s.io',
  version: 'v1',
  kind: 'Event',
  resource: 'events',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
  // The core/v1 Events' storage: what either API wrote, each reads (converted).
  storedAs: { group: '', resource: 'events' },
  fromStorage: (event) => (isEventsV1(event) ? undefined : toEventsV1(event)),
  fieldSelectors: Object.fromEntries(
    Object.entries(FIELD_NAMES).map(([field, core]) => [field, (event: Event) => eventFields(view(isEventsV1(event) ? event : toEventsV1(event)))[core]]),
  ),
  columns: eventColumns(view),
  strategy: { validate: validateEvent },
};
