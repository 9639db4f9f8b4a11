import { StatusError } from './status-error.js';

/*
 * Errors about a request as a whole, worded as k8s.io/apimachinery/pkg/api/errors/errors.go and
 * k8s.io/apiserver/pkg/endpoints/handlers/negotiation/errors.go (v0.35) word them.
 */

/** NewBadRequest: 400 with the message as given. */
export function newBadRequest(message: string): StatusError {
  return new StatusError({ code: 400, reason: 'BadRequest', message });
}

/**
 * 406 NotAcceptable. Given the media types the endpoint serves, the negotiation text
 * `only the following media types are accepted: application/json, …`; given a string, that message.
 */
export function newNotAcceptable(acceptedOrMessage: readonly string[] | string): StatusError {
  const message =
    typeof acceptedOrMessage === 'string'
      ? acceptedOrMessage
      : `only the following media types are accepted: ${acceptedOrMessage.join(', ')}`;
  return new StatusError({ code: 406, reason: 'NotAcceptable', message });
}

/** 406 NotAcceptable for a conversion (`as=…`) the endpoint cannot do. */
export function newNotAcceptableConversion(target: string, accepted: readonly string[]): StatusError {
  return new StatusError({
    code: 406,
    reason: 'NotAcceptable',
    message: `only the following media types are accepted when converting to ${target}: ${accepted.join(', ')}`,
  });
}

/** 415 `the body of the request was in an unknown format - accepted media types include: …`. */
export function newUnsupportedMediaType(accepted: readonly string[]): StatusError {
  return new StatusError({
    code: 415,
    reason: 'UnsupportedMediaType',
    message: `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  });
}

/** NewRequestEntityTooLargeError: 413 `Request entity too large: <message>` (the server says `limit is N`). */
export function newRequestEntityTooLarge(message: string): StatusError {
  return new StatusError({ code: 413, reason: 'RequestEntityTooLarge', message: `Request entity too large: ${message}` });
}

/** NewInternalError: 500 `Internal error occurred: <err>`, the error again as the only cause. */
export function newInternalError(error: Error | string): StatusError {
  const message = typeof error === 'string' ? error : error.message;
  return new StatusError({
    code: 500,
    reason: 'InternalError',
    details: { causes: [{ message }] },
    message: `Internal error occurred: ${message}`,
  });
}

/** NewTimeoutError: 504 `Timeout: <message>`, with details.retryAfterSeconds. */
export function newTimeout(message: string, retryAfterSeconds = 0): StatusError {
  return new StatusError({ code: 504, reason: 'Timeout', details: { retryAfterSeconds }, message: `Timeout: ${message}` });
}

/** NewTooManyRequests: 429 with the message as given and details.retryAfterSeconds. */
export function newTooManyRequests(message: string, retryAfterSeconds = 0): StatusError {
  return new StatusError({ code: 429, reason: 'TooManyRequests', details: { retryAfterSeconds }, message });
}

/** NewTooManyRequestsError: 429 `Too many requests: <message>`, no details. */
export function newTooManyRequestsError(message: string): StatusError {
  return new StatusError({ code: 429, reason: 'TooManyRequests', message: `Too many requests: ${message}` });
}

/** NewServiceUnavailable: 503 with the message as given. */
export function newServiceUnavailable(message: string): StatusError {
  return new StatusError({ code: 503, reason: 'ServiceUnavailable', message });
}

/** NewGone (deprecated upstream in favour of NewResourceExpired): 410 Gone. */
export function newGone(message: string): StatusError {
  return new StatusError({ code: 410, reason: 'Gone', message });
}

/** NewResourceExpired: 410 Expired, e.g. `too old resource version: 5 (10)`. */
export function newResourceExpired(message: string): StatusError {
  return new StatusError({ code: 410, reason: 'Expired', message });
}
