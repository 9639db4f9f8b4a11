import { describe, expect, it } from 'vitest';
import { fieldInvalid, fieldRequired } from './field-error.js';
import {
  OPTIMISTIC_LOCK_ERROR_MSG,
  newAlreadyExists,
  newApplyConflict,
  newConflict,
  newForbidden,
  newGenerateNameConflict,
  newInvalid,
  newMethodNotSupported,
  newNotFound,
  newServerTimeout,
  newUnauthorized,
} from './resource-errors.js';

const pods = { group: '', resource: 'pods' };
const deployments = { group: 'apps', resource: 'deployments' };

// Wording and details from k8s.io/apimachinery/pkg/api/errors/errors.go (v0.35).
describe('resource errors', () => {
  it.each([
    [newNotFound(pods, 'x'), 404, 'NotFound', 'pods "x" not found', { name: 'x', kind: 'pods' }],
    [newNotFound(deployments, 'x'), 404, 'NotFound', 'deployments.apps "x" not found', { name: 'x', group: 'apps', kind: 'deployments' }],
    [newAlreadyExists(pods, 'x'), 409, 'AlreadyExists', 'pods "x" already exists', { name: 'x', kind: 'pods' }],
    [
      newGenerateNameConflict(pods, 'web-abcde', 1),
      409,
      'AlreadyExists',
      'pods "web-abcde" already exists, the server was not able to generate a unique name for the object',
      { name: 'web-abcde', kind: 'pods', retryAfterSeconds: 1 },
    ],
    [
      newConflict(pods, 'x', OPTIMISTIC_LOCK_ERROR_MSG),
      409,
      'Conflict',
      'Operation cannot be fulfilled on pods "x": the object has been modified; please apply your changes to the latest version and try again',
      { name: 'x', kind: 'pods' },
    ],
    [
      newConflict(deployments, 'd', new Error('Precondition failed: UID in precondition: a, UID in object meta: b')),
      409,
      'Conflict',
      'Operation cannot be fulfilled on deployments.apps "d": Precondition failed: UID in precondition: a, UID in object meta: b',
      { name: 'd', group: 'apps', kind: 'deployments' },
    ],
    [
      newForbidden(pods, 'x', 'User "bob" cannot get resource "pods"'),
      403,
      'Forbidden',
      'pods "x" is forbidden: User "bob" cannot get resource "pods"',
      { name: 'x', kind: 'pods' },
    ],
    [newForbidden(pods, '', new Error('no')), 403, 'Forbidden', 'pods is forbidden: no', { kind: 'pods' }],
    [newForbidden({ group: '', resource: '' }, '', 'no'), 403, 'Forbidden', 'forbidden: no', {}],
    [
      newMethodNotSupported({ group: '', resource: 'pods/log' }, 'create'),
      405,
      'MethodNotAllowed',
      'create is not supported on resources of kind "pods/log"',
      { kind: 'pods/log' },
    ],
    [
      newServerTimeout(deployments, 'get', 2),
      500,
      'ServerTimeout',
      'The get operation against deployments.apps could not be completed at this time, please try again.',
      { name: 'get', group: 'apps', kind: 'deployments', retryAfterSeconds: 2 },
    ],
    [newUnauthorized(), 401, 'Unauthorized', 'not authorized', undefined],
    [newUnauthorized('token expired'), 401, 'Unauthorized', 'token expired', undefined],
  ])('%# %s', (error, code, reason, message, details) => {
    expect(error.status).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code });
    expect(error.message).toBe(message);
  });

  it('quotes names as Go %q does', () => {
    expect(newNotFound(pods, 'a"b').message).toBe('pods "a\\"b" not found');
  });

  it('keeps apply conflict causes', () => {
    const causes = [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl"', field: '.spec.replicas' }];
    expect(newApplyConflict(causes, 'Apply failed with 1 conflict').status).toMatchObject({ code: 409, reason: 'Conflict', details: { causes } });
  });
});

// NewInvalid: message "<Kind[.group]> <%q name> is invalid: <aggregate>", one cause per field error.
describe('newInvalid', () => {
  it('words a single error as the real server does', () => {
    const error = newInvalid({ group: '', kind: 'Pod' }, 'x', [fieldRequired('spec.containers')]);
    expect(error.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Pod "x" is invalid: spec.containers: Required value',
      reason: 'Invalid',
      details: {
        name: 'x',
        kind: 'Pod',
        causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers' }],
      },
      code: 422,
    });
  });

  it('brackets several errors and keeps every cause', () => {
    const errors = [
      fieldInvalid('metadata.name', 'Bad_Name', 'bad name'),
      fieldRequired('spec.selector'),
      fieldRequired('spec.selector'),
    ];
    const error = newInvalid({ group: 'apps', kind: 'Deployment' }, 'Bad_Name', errors);
    expect(error.message).toBe(
      'Deployment.apps "Bad_Name" is invalid: [metadata.name: Invalid value: "Bad_Name": bad name, spec.selector: Required value]',
    );
    expect(error.status.details).toEqual({
      name: 'Bad_Name',
      group: 'apps',
      kind: 'Deployment',
      causes: [
        { reason: 'FieldValueInvalid', message: 'Invalid value: "Bad_Name": bad name', field: 'metadata.name' },
        { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.selector' },
        { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.selector' },
      ],
    });
  });

  it('has no colon when there are no errors, and no name in details when unnamed', () => {
    const error = newInvalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', []);
    expect(error.message).toBe('ListOptions.meta.k8s.io "" is invalid');
    expect(error.status.details).toEqual({ group: 'meta.k8s.io', kind: 'ListOptions' });
  });
});
