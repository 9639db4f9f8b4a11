import { describe, expect, it } from 'vitest';
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isValidPathSegmentName,
  isValidPathSegmentPrefix,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  validatePathSegmentName,
} from './names.js';

// Messages from k8s.io/apimachinery/pkg/util/validation/validation.go (v0.35): RegexError and
// MaxLenError ("characters"); path rules from pkg/api/validation/path/name.go.
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

describe('isDNS1123Subdomain', () => {
  it.each([
    ['example.com', []],
    ['a', []],
    ['0.0', []],
    ['a-b.c-d', []],
    ['Bad_Name', [SUBDOMAIN]],
    ['', [SUBDOMAIN]],
    ['-a', [SUBDOMAIN]],
    ['a.', [SUBDOMAIN]],
    ['a..b', [SUBDOMAIN]],
    ['a\n', [SUBDOMAIN]],
    ['a'.repeat(253), []],
    ['a'.repeat(254), ['must be no more than 253 characters']],
    [`${'A'.repeat(254)}`, ['must be no more than 253 characters', SUBDOMAIN]],
  ])('%j', (value, expected) => {
    expect(isDNS1123Subdomain(value)).toEqual(expected);
  });
});

describe('isDNS1123Label', () => {
  it.each([
    ['default', []],
    ['kube-system', []],
    ['1abc', []],
    ['a.b', ['must not contain dots']],
    ['Kube', [LABEL]],
    ['a-', [LABEL]],
    ['a'.repeat(63), []],
    ['a'.repeat(64), ['must be no more than 63 characters']],
    [`${'a'.repeat(32)}.${'a'.repeat(32)}`, ['must be no more than 63 characters', 'must not contain dots']],
  ])('%j', (value, expected) => {
    expect(isDNS1123Label(value)).toEqual(expected);
  });
});

describe('isDNS1035Label', () => {
  it.each([
    ['my-svc', []],
    ['1abc', [DNS1035]],
    ['a.b', [DNS1035]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ])('%j', (value, expected) => {
    expect(isDNS1035Label(value)).toEqual(expected);
  });
});

describe('path segment names', () => {
  it.each([
    ['ok', []],
    ['.', ["may not be '.'"]],
    ['..', ["may not be '..'"]],
    ['a/b', ["may not contain '/'"]],
    ['a%b', ["may not contain '%'"]],
    ['a/%', ["may not contain '/'", "may not contain '%'"]],
    ['...', []],
  ])('%j', (value, expected) => {
    expect(isValidPathSegmentName(value)).toEqual(expected);
    expect(validatePathSegmentName(value, false)).toEqual(expected);
  });

  it('checks only the contents of a prefix', () => {
    expect(isValidPathSegmentPrefix('.')).toEqual([]);
    expect(validatePathSegmentName('..', true)).toEqual([]);
    expect(validatePathSegmentName('a/', true)).toEqual(["may not contain '/'"]);
  });
});

// pkg/api/validation/generic.go: ValidateNameFunc with maskTrailingDash for generateName.
describe('ValidateNameFunc', () => {
  it('accepts a generateName ending in a dash', () => {
    expect(nameIsDNSSubdomain('web-', true)).toEqual([]);
    expect(nameIsDNSLabel('web-', true)).toEqual([]);
    expect(nameIsDNS1035Label('web-', true)).toEqual([]);
    expect(nameIsDNSSubdomain('web-', false)).toEqual([SUBDOMAIN]);
  });

  it('masks the last two characters, as the real server does', () => {
    // "a.-" becomes "aa": valid; "-" alone is left as is.
    expect(nameIsDNSLabel('a.-', true)).toEqual([]);
    expect(nameIsDNSLabel('-', true)).toEqual([LABEL]);
  });
});
