import { type FieldError, fieldForbidden, fieldNotSupported, newInvalid } from '@kubekit/apimachinery';
import { isTrue } from '../request-info.js';

/** The list and watch query parameters (meta/v1 ListOptions). */
export interface ListQuery {
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
  continue?: string;
  sendInitialEvents?: boolean;
  allowWatchBookmarks: boolean;
  timeoutSeconds?: number;
  limit?: number;
}

const optional = (value: string | null) => (value === null || value === '' ? undefined : value);

export function readListQuery(query: URLSearchParams, integer: (name: string) => number | undefined): ListQuery {
  const sendInitialEvents = query.get('sendInitialEvents');
  return {
    ...defined('labelSelector', optional(query.get('labelSelector'))),
    ...defined('fieldSelector', optional(query.get('fieldSelector'))),
    ...defined('resourceVersion', optional(query.get('resourceVersion'))),
    ...defined('resourceVersionMatch', optional(query.get('resourceVersionMatch'))),
    ...defined('continue', optional(query.get('continue'))),
    ...defined('sendInitialEvents', sendInitialEvents === null ? undefined : isTrue(sendInitialEvents)),
    allowWatchBookmarks: isTrue(query.get('allowWatchBookmarks')),
    ...defined('timeoutSeconds', integer('timeoutSeconds')),
    ...defined('limit', integer('limit')),
  };
}

function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * k8s.io/apimachinery/pkg/apis/meta/internalversion/validation ValidateListOptions, for a list
 * (`watch` false) or a watch. Errors are 422 `ListOptions.meta.k8s.io "" is invalid: …`.
 */
export function validateListQuery(options: ListQuery, watch: boolean): void {
  const errors: FieldError[] = [];
  const match = options.resourceVersionMatch;
  if (watch) {
    if (options.sendInitialEvents !== undefined && match !== 'NotOlderThan') {
      errors.push(fieldForbidden('resourceVersionMatch', 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'));
    }
    if (match) {
      if (options.sendInitialEvents === undefined) {
        errors.push(fieldForbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'));
      }
      if (match !== 'NotOlderThan') errors.push(fieldNotSupported('resourceVersionMatch', match, ['NotOlderThan']));
      if (options.continue) errors.push(fieldForbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    }
  } else {
    if (match) {
      if (!options.resourceVersion) {
        errors.push(fieldForbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
      }
      if (options.continue) errors.push(fieldForbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
      if (match !== 'Exact' && match !== 'NotOlderThan') errors.push(fieldNotSupported('resourceVersionMatch', match, ['Exact', 'NotOlderThan', '']));
      if (match === 'Exact' && options.resourceVersion === '0') {
        errors.push(fieldForbidden('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
      }
    }
    if (options.sendInitialEvents !== undefined) errors.push(fieldForbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
  }
  if (errors.length > 0) throw newInvalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', errors);
}
