import {
  OPTIMISTIC_LOCK_ERROR_MSG,
  StatusError,
  type StatusReason,
  newConflict,
  newInternalError,
  newServiceUnavailable,
  newTooManyRequests,
} from '@kubekit/apimachinery';
import type { RequestInfo } from '@kubekit/server';

/** A `metav1.Status` error to answer with instead of serving the request. */
export interface StatusFault {
  /** The HTTP code: 409, 429, 500, 503 …; the reason follows from it unless given. */
  status: number;
  message?: string;
  reason?: StatusReason;
  /** Sent as `details.retryAfterSeconds` and the `Retry-After` header (default 1 for 429). */
  retryAfterSeconds?: number;
}

// The reason metav1 documents for each code (the StatusReason constants), for codes without a constructor here.
const REASONS: Record<number, StatusReason> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  410: 'Expired',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  504: 'Timeout',
};

/** The Status error of a fault, worded as the apiserver words the same error. */
export function faultStatusError(fault: StatusFault, info: RequestInfo): StatusError {
  const error = baseError(fault, info);
  const { status } = error;
  if (fault.reason !== undefined) status.reason = fault.reason;
  if (fault.retryAfterSeconds !== undefined) status.details = { ...status.details, retryAfterSeconds: fault.retryAfterSeconds };
  return error;
}

function baseError(fault: StatusFault, info: RequestInfo): StatusError {
  const { message } = fault;
  switch (fault.status) {
    case 409: {
      const resource = info.isResourceRequest ? { group: info.group, resource: info.resource } : { group: '', resource: '' };
      const name = info.isResourceRequest ? info.name : '';
      return newConflict(resource, name, message ?? OPTIMISTIC_LOCK_ERROR_MSG);
    }
    case 429:
      // The priority-and-fairness filter's answer when a request is rejected.
      return newTooManyRequests(message ?? 'Too many requests, please try again later.', fault.retryAfterSeconds ?? 1);
    case 500:
      return newInternalError(message ?? 'injected fault');
    case 503:
      return newServiceUnavailable(message ?? 'the server is currently unable to handle the request');
    default:
      return new StatusError({ code: fault.status, reason: REASONS[fault.status] ?? '', message: message ?? `injected fault (${fault.status})`, details: {} });
  }
}
