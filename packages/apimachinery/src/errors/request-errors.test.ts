import { describe, expect, it } from 'vitest';
import {
  newBadRequest,
  newGone,
  newInternalError,
  newNotAcceptable,
  newNotAcceptableConversion,
  newRequestEntityTooLarge,
  newResourceExpired,
  newServiceUnavailable,
  newTimeout,
  newTooManyRequests,
  newTooManyRequestsError,
  newUnsupportedMediaType,
} from './request-errors.js';

const json = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

// k8s.io/apimachinery/pkg/api/errors/errors.go and
// k8s.io/apiserver/pkg/endpoints/handlers/negotiation/errors.go (v0.35).
describe('request errors', () => {
  it.each([
    [newBadRequest('fieldSelector metadata.name doesn\'t match requested name'), 400, 'BadRequest', "fieldSelector metadata.name doesn't match requested name", undefined],
    [newNotAcceptable(json), 406, 'NotAcceptable', 'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf', undefined],
    [newNotAcceptable('no Table exists in group version v2'), 406, 'NotAcceptable', 'no Table exists in group version v2', undefined],
    [
      newNotAcceptableConversion('Table', ['application/json']),
      406,
      'NotAcceptable',
      'only the following media types are accepted when converting to Table: application/json',
      undefined,
    ],
    [
      newUnsupportedMediaType(['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml']),
      415,
      'UnsupportedMediaType',
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
      undefined,
    ],
    [newRequestEntityTooLarge('limit is 3145728'), 413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728', undefined],
    [newInternalError(new Error('boom')), 500, 'InternalError', 'Internal error occurred: boom', { causes: [{ message: 'boom' }] }],
    [newTimeout('request did not complete within 60s', 2), 504, 'Timeout', 'Timeout: request did not complete within 60s', { retryAfterSeconds: 2 }],
    [newTimeout('slow'), 504, 'Timeout', 'Timeout: slow', {}],
    [newTooManyRequests('slow down', 1), 429, 'TooManyRequests', 'slow down', { retryAfterSeconds: 1 }],
    [newTooManyRequestsError('slow down'), 429, 'TooManyRequests', 'Too many requests: slow down', undefined],
    [newServiceUnavailable('not ready'), 503, 'ServiceUnavailable', 'not ready', undefined],
    [newGone('gone'), 410, 'Gone', 'gone', undefined],
    [newResourceExpired('too old resource version: 5 (10)'), 410, 'Expired', 'too old resource version: 5 (10)', undefined],
  ])('%# %s', (error, code, reason, message, details) => {
    expect(error.status).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code });
  });

  it('serializes in the field order of metav1.Status', () => {
    expect(JSON.stringify(newTimeout('slow'))).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Timeout: slow","reason":"Timeout","details":{},"code":504}',
    );
  });
});
