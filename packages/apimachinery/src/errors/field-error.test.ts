import { describe, expect, it } from 'vitest';
import {
  aggregateFieldErrors,
  fieldDuplicate,
  fieldErrorBody,
  fieldErrorMessage,
  fieldForbidden,
  fieldInternalError,
  fieldInvalid,
  fieldNotFound,
  fieldNotSupported,
  fieldRequired,
  fieldTooLong,
  fieldTooMany,
  fieldTypeInvalid,
} from './field-error.js';
import { FieldPath, fieldPath } from './field-path.js';

// Formats from k8s.io/apimachinery/pkg/util/validation/field/errors.go (v0.35):
// Error() is "<field>: <ErrorBody>", ErrorBody is "<type text>[: <value>][: <detail>]".
describe('field errors', () => {
  const subdomainMessage =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

  it.each([
    [fieldRequired('spec.containers'), 'FieldValueRequired', 'spec.containers: Required value'],
    [
      fieldRequired('metadata.name', 'name or generateName is required'),
      'FieldValueRequired',
      'metadata.name: Required value: name or generateName is required',
    ],
    [fieldInvalid('metadata.name', 'Bad_Name', subdomainMessage), 'FieldValueInvalid', `metadata.name: Invalid value: "Bad_Name": ${subdomainMessage}`],
    [
      fieldInvalid('spec.replicas', -1, 'must be greater than or equal to 0'),
      'FieldValueInvalid',
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ],
    [fieldInvalid('spec.paused', true, 'nope'), 'FieldValueInvalid', 'spec.paused: Invalid value: true: nope'],
    [fieldInvalid('spec.ports', [{ port: 80 }], 'bad'), 'FieldValueInvalid', 'spec.ports: Invalid value: [{"port":80}]: bad'],
    [fieldInvalid('values', null, 'empty'), 'FieldValueInvalid', 'values: Invalid value: null: empty'],
    [
      fieldNotSupported('spec.restartPolicy', 'Sometimes', ['Always', 'OnFailure', 'Never']),
      'FieldValueNotSupported',
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ],
    [fieldNotSupported('spec.type', 'x'), 'FieldValueNotSupported', 'spec.type: Unsupported value: "x"'],
    [fieldDuplicate('spec.ports[1]', 80), 'FieldValueDuplicate', 'spec.ports[1]: Duplicate value: 80'],
    [fieldForbidden('spec', 'pod updates may not change fields'), 'FieldValueForbidden', 'spec: Forbidden: pod updates may not change fields'],
    [
      fieldTooLong('metadata.annotations', 'x'.repeat(10), 262144),
      'FieldValueTooLong',
      'metadata.annotations: Too long: may not be more than 262144 bytes',
    ],
    [fieldTooLong('data', '', 1), 'FieldValueTooLong', 'data: Too long: may not be more than 1 byte'],
    [fieldTooLong('data', '', -1), 'FieldValueTooLong', 'data: Too long: value is too long'],
    [fieldTooMany('items', 5, 3), 'FieldValueTooMany', 'items: Too many: 5: must have at most 3 items'],
    [fieldTooMany('items', -1, 1), 'FieldValueTooMany', 'items: Too many: must have at most 1 item'],
    [fieldNotFound('spec.volumes[0].name', 'data'), 'FieldValueNotFound', 'spec.volumes[0].name: Not found: "data"'],
    [fieldTypeInvalid('spec.replicas', 'x', 'must be an integer'), 'FieldValueTypeInvalid', 'spec.replicas: Invalid value: "x": must be an integer'],
    [fieldInternalError('spec', new Error('boom')), 'InternalError', 'spec: Internal error: boom'],
  ])('%# %s', (error, type, message) => {
    expect(error.type).toBe(type);
    expect(fieldErrorMessage(error)).toBe(message);
    expect(fieldErrorBody(error)).toBe(message.slice(error.field.length + 2));
  });

  it('prints paths as field.Path does', () => {
    expect(String(fieldPath('spec', 'containers').index(0).child('image'))).toBe('spec.containers[0].image');
    expect(FieldPath.of('metadata', 'labels').key('app').toString()).toBe('metadata.labels[app]');
    expect(fieldRequired(fieldPath('spec').child('selector')).field).toBe('spec.selector');
  });
});

// field.ErrorList.ToAggregate and utilerrors.aggregate.Error (util/errors/errors.go).
describe('aggregateFieldErrors', () => {
  it.each([
    [[], undefined],
    [[fieldRequired('spec.containers')], 'spec.containers: Required value'],
    [
      [fieldRequired('spec.containers'), fieldInvalid('metadata.name', 'a b', 'bad')],
      '[spec.containers: Required value, metadata.name: Invalid value: "a b": bad]',
    ],
    [[fieldRequired('a'), fieldRequired('a')], 'a: Required value'],
    [[fieldRequired('a'), fieldRequired('b'), fieldRequired('a')], '[a: Required value, b: Required value]'],
  ])('%# → %s', (errors, expected) => {
    expect(aggregateFieldErrors(errors)).toBe(expected);
  });
});
