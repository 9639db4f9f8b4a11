import { describe, expect, it } from 'vitest';
import { isStatusError } from '../errors/status-error.js';
import { FieldSelector, escapeFieldValue, parseFieldSelector, unescapeFieldValue } from './field-selector.js';

// Parsing, escaping and errors from k8s.io/apimachinery/pkg/fields/selector.go (v0.35); cases
// adapted from its selector_test.go. The apiserver answers a bad fieldSelector with 400 and
// these messages (metav1 Convert_string_To_fields_Selector → errors.NewBadRequest).
describe('parseFieldSelector', () => {
  it.each([
    ['', []],
    [',', []],
    ['metadata.name=web', [['metadata.name', '=', 'web']]],
    ['metadata.name==web', [['metadata.name', '=', 'web']]],
    ['status.phase!=Running', [['status.phase', '!=', 'Running']]],
    ['x=', [['x', '=', '']]],
    ['=x', [['', '=', 'x']]],
    ['x=a\\,b\\=c\\\\d', [['x', '=', 'a,b=c\\d']]],
    ['b=2,a=1', [['a', '=', '1'], ['b', '=', '2']]],
    ['x!=a,x=b', [['x', '!=', 'a'], ['x', '=', 'b']]],
    ['a=b\\=c', [['a', '=', 'b=c']]],
  ])('%j', (selector, expected) => {
    const requirements = expected.map(([field, operator, value]) => ({ field, operator, value }));
    expect(parseFieldSelector(selector).requirements).toEqual(requirements);
  });

  it.each([
    ['a', "invalid selector: 'a'; can't understand 'a'"],
    ['a=b,c', "invalid selector: 'a=b,c'; can't understand 'c'"],
    ['a!==b', 'invalid field selector: unescaped character in value: 61'],
    ['a=b,c=d,e', "invalid selector: 'a=b,c=d,e'; can't understand 'e'"],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
    ['a=b\\x', 'invalid field selector: invalid escape sequence: \\x'],
    ['a=\\é', 'invalid field selector: invalid escape sequence: \\é'],
  ])('rejects %j with a 400', (selector, message) => {
    let thrown: unknown;
    try {
      parseFieldSelector(selector);
    } catch (error) {
      thrown = error;
    }
    expect(isStatusError(thrown, 'BadRequest')).toBe(true);
    expect((thrown as Error).message).toBe(message);
  });

  it('sorts the raw terms as the real parser does', () => {
    expect(parseFieldSelector('spec.nodeName=n,metadata.name!=web-2,status.phase=Running').toString()).toBe(
      'metadata.name!=web-2,spec.nodeName=n,status.phase=Running',
    );
  });
});

describe('FieldSelector', () => {
  const pod: Record<string, string> = { 'metadata.name': 'web-1', 'status.phase': 'Running', 'spec.nodeName': '' };
  const get = (field: string) => pod[field];

  it.each([
    ['', true],
    ['metadata.name=web-1', true],
    ['metadata.name==web-1', true],
    ['metadata.name!=web-1', false],
    ['status.phase=Running,metadata.name!=web-2', true],
    ['spec.nodeName=', true],
    ['spec.nodeName!=', false],
    ['metadata.namespace=', true],
    ['metadata.namespace!=default', true],
  ])('%j matches: %s', (selector, expected) => {
    expect(parseFieldSelector(selector).matches(get)).toBe(expected);
  });

  it('lists fields, exact matches and emptiness', () => {
    const selector = parseFieldSelector('metadata.name=a,status.phase!=b,metadata.name!=c');
    expect(selector.fields()).toEqual(['metadata.name', 'status.phase']);
    expect(selector.requiresExactMatch('metadata.name')).toBe('a');
    expect(selector.requiresExactMatch('status.phase')).toBeUndefined();
    expect(selector.empty()).toBe(false);
    expect(FieldSelector.everything().empty()).toBe(true);
    expect(FieldSelector.fromSet({ 'metadata.name': 'a,b' }).toString()).toBe('metadata.name=a\\,b');
  });

  it('transforms terms, dropping the ones converted to nothing', () => {
    const selector = parseFieldSelector('spec.host=n1,metadata.name=x');
    const converted = selector.transform((field, value) => (field === 'spec.host' ? ['spec.nodeName', value] : ['', '']));
    expect(converted.toString()).toBe('spec.nodeName=n1');
  });
});

describe('escaping', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', 'a\\,b'],
    ['a=b', 'a\\=b'],
    ['a\\b', 'a\\\\b'],
  ])('%j ⇄ %j', (raw, escaped) => {
    expect(escapeFieldValue(raw)).toBe(escaped);
    expect(unescapeFieldValue(escaped)).toBe(raw);
  });
});
