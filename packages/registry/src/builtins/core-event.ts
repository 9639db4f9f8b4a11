import { type FieldError, fieldInvalid, fieldRequired } from '@kubekit/apimachinery';
import type { ResourceDefinition } from '../resource-definition.js';
import { type CoreEvent, isEventsV1, toCoreEvent } from './event-conversion.js';
import { type EventView, eventColumns, eventFields } from './event-printer.js';
import { validateQualifiedName } from './field-checks.js';


function view(event: CoreEvent): EventView {
  return {
    name: event.metadata?.name ?? '',
    involvedObject: event.involvedObject ?? {},
    type: event.type ?? '',
    reason: event.reason ?? '',
    message: event.message ?? '',
    sourceComponent: event.source?.component ?? '',
    sourceHost: event.source?.host ?? '',
    reportingController: event.reportingComponent ?? '',
    reportingInstance: event.reportingInstance ?? '',
    firstTimestamp: event.firstTimestamp,
    lastTimestamp: event.lastTimestamp,
    eventTime: event.eventTime,
    count: event.count ?? 0,
    series: event.series,
  };
}

/**
 * Checks shared by both Event APIs (legacyValidateEvent, pkg/apis/core/validation/events.go).
 * `reportingControllerField` is `reportingComponent` in core/v1 and `reportingController` in
 * events.k8s.io/v1; the involved object keeps its core name in both.
 */
export function validateEventCommon(
  event: { namespace: string; involvedNamespace: string; eventTime?: string; reportingController: string; reportingInstance: string; action: string; reason: string },
  reportingControllerField: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const mismatch = () => fieldInvalid('involvedObject.namespace', event.involvedNamespace, 'does not match event.namespace');
  if (!event.eventTime) {
    // An old-style event: its namespace is the involved object's (or default for cluster objects).
    if (event.involvedNamespace ? event.namespace !== event.involvedNamespace : event.namespace !== '' && event.namespace !== 'default') {
      errors.push(mismatch());
    }
    return errors;
  }
  if (!event.involvedNamespace && event.namespace !== 'default' && event.namespace !== 'kube-system') errors.push(mismatch());
  if (!event.reportingController) errors.push(fieldRequired(reportingControllerField, ''));
  errors.push(...validateQualifiedName(event.reportingController, reportingControllerField));
  if (!event.reportingInstance) errors.push(fieldRequired('reportingInstance', ''));
  if (event.reportingInstance.length > 128) errors.push(fieldInvalid('reportingInstance', '', 'can have at most 128 characters'));
  if (!event.action) errors.push(fieldRequired('action', ''));
  if (event.action.length > 128) errors.push(fieldInvalid('action', '', 'can have at most 128 characters'));
  if (!event.reason) errors.push(fieldRequired('reason', ''));
  if (event.reason.length > 128) errors.push(fieldInvalid('reason', '', 'can have at most 128 characters'));
  return errors;
}

export const events: ResourceDefinition<CoreEvent> = {
  group: '',
  version: 'v1',
  kind: 'Event',
  resource: 'events',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
  // Selectors run on the stored object, which may have been written through events.k8s.io/v1.
  fieldSelectors: Object.fromEntries(
    Object.keys(eventFields(view({}))).map((field) => [field, (event: CoreEvent) => eventFields(view(isEventsV1(event) ? toCoreEvent(event) : event))[field]]),
  ),
  fromStorage: (event) => (isEventsV1(event) ? toCoreEvent(event) : undefined),
  columns: eventColumns(view),
  strategy: {
    validate: (event) =>
      validateEventCommon(
        {
          namespace: event.metadata?.namespace ?? '',
          involvedNamespace: event.involvedObject?.namespace ?? '',
          eventTime: event.eventTime,
          reportingController: event.reportingComponent ?? '',
          reportingInstance: event.reportingInstance ?? '',
          action: event.action ?? '',
          reason: event.reason ?? '',
        },
        'reportingComponent',
      ),
  },
};
