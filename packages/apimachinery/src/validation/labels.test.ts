import { describe, expect, it } from 'vitest';
import { fieldErrorMessage } from '../errors/field-error.js';
import { isLabelKey, isQualifiedName, isValidLabelValue, validateLabelName, validateLabels } from './labels.js';

// Messages from k8s.io/apimachinery/pkg/api/validate/content/kube.go, dns.go and errors.go
// (v0.35): label keys and values count "bytes", and RegexError puts two spaces before "or".
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const PREFIX_PART =
  "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const TOO_MANY_SLASHES =
  "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
const VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('isQualifiedName (label keys)', () => {
  it.each([
    ['app', []],
    ['app.kubernetes.io/name', []],
    ['My_Key.1', []],
    ['k8s.io/x', []],
    ['app:', [NAME_PART]],
    ['*bar', [NAME_PART]],
    ['', ['name part must be non-empty', NAME_PART]],
    ['/x', ['prefix part must be non-empty']],
    ['app.kubernetes_io/name', [PREFIX_PART]],
    ['a/b/c', [TOO_MANY_SLASHES]],
    ['a'.repeat(63), []],
    ['a'.repeat(64), ['name part must be no more than 63 bytes']],
    [`${'a'.repeat(254)}/x`, ['prefix part must be no more than 253 bytes']],
    ['x/', ['name part must be non-empty', NAME_PART]],
  ])('%j', (value, expected) => {
    expect(isQualifiedName(value)).toEqual(expected);
    expect(isLabelKey(value)).toEqual(expected);
  });
});

describe('isValidLabelValue', () => {
  it.each([
    ['', []],
    ['web', []],
    ['1.0_beta-2', []],
    ['-web', [VALUE]],
    ['a b', [VALUE]],
    ['a'.repeat(63), []],
    ['a'.repeat(64), ['must be no more than 63 bytes']],
    ['é', [VALUE]],
  ])('%j', (value, expected) => {
    expect(isValidLabelValue(value)).toEqual(expected);
  });
});

describe('validateLabels', () => {
  it('reports keys and values at the labels path', () => {
    const errors = validateLabels({ ok: 'fine', 'bad key': 'v', k: '-v' }, 'metadata.labels');
    expect(errors.map(fieldErrorMessage)).toEqual([
      `metadata.labels: Invalid value: "bad key": ${NAME_PART}`,
      `metadata.labels: Invalid value: "-v": ${VALUE}`,
    ]);
    expect(validateLabelName('ok', 'metadata.labels')).toEqual([]);
  });
});
