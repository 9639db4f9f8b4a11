import { describe, expect, it } from 'vitest';
import { StatusError } from '../errors/status-error.js';
import { ParsedLabelSelector, formatLabelSelector, labelSelectorFromMeta, parseLabelSelector } from './label-selector.js';

// Matching and String() from k8s.io/apimachinery/pkg/labels/selector.go; LabelSelectorAsSelector
// and FormatLabelSelector from pkg/apis/meta/v1/helpers.go (v0.35).
describe('parseLabelSelector', () => {
  const labels = { app: 'web', tier: 'fe', version: '3' };

  it.each([
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app!=db', true],
    ['missing!=x', true],
    ['app in (web,db)', true],
    ['app notin (web,db)', false],
    ['missing notin (a)', true],
    ['missing in (a)', false],
    ['app', true],
    ['missing', false],
    ['!app', false],
    ['!missing', true],
    ['version>2', true],
    ['version<3', false],
    ['tier>1', false],
    ['missing>1', false],
    ['app=web,tier=fe', true],
    ['app=web,tier=be', false],
    ['app=web,tier!=be', true],
  ])('%j matches %j', (selector, expected) => {
    expect(parseLabelSelector(selector).matches(labels)).toBe(expected);
  });

  it.each([
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
    ['x!=a,y=b', 'x!=a,y=b'],
    ['x= ,z= ', 'x=,z='],
    ['!x', '!x'],
    ['x>1,z<5', 'x>1,z<5'],
    ['z,y in (b,a),x notin (c)', 'x notin (c),y in (a,b),z'],
    ['x in ()', 'x in ()'],
    ['app==web', 'app==web'],
  ])('%j prints as %j', (selector, expected) => {
    expect(parseLabelSelector(selector).toString()).toBe(expected);
  });

  it('throws the 400 BadRequest the apiserver answers with', () => {
    let thrown: unknown;
    try {
      parseLabelSelector('app:web');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StatusError);
    expect((thrown as StatusError).status).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: expect.stringMatching(/^unable to parse requirement: <nil>: Invalid value: "app:web": name part must consist of/),
    });
  });

  it('knows empty, exact matches and the keys it reads', () => {
    expect(parseLabelSelector('').empty()).toBe(true);
    const selector = parseLabelSelector('b in (x),a=1,c in (p,q),b');
    expect(selector.empty()).toBe(false);
    expect(selector.requiresExactMatch('a')).toBe('1');
    expect(selector.requiresExactMatch('b')).toBe('x');
    expect(selector.requiresExactMatch('c')).toBeUndefined();
    expect(selector.requiresExactMatch('d')).toBeUndefined();
    expect(selector.keys()).toEqual(['a', 'b', 'c']);
  });

  it('adds requirements and builds from a set', () => {
    const selector = ParsedLabelSelector.fromSet({ b: '2', a: '1' });
    expect(selector.toString()).toBe('a=1,b=2');
    expect(selector.add({ key: 'aa', operator: 'exists', values: [] }).toString()).toBe('a=1,aa,b=2');
    expect(ParsedLabelSelector.everything().matches({})).toBe(true);
    expect(ParsedLabelSelector.nothing().matches({})).toBe(false);
    expect(ParsedLabelSelector.nothing().empty()).toBe(false);
  });
});

describe('labelSelectorFromMeta', () => {
  it('selects nothing for a missing selector and everything for an empty one', () => {
    expect(labelSelectorFromMeta(undefined).matchesNothing()).toBe(true);
    expect(labelSelectorFromMeta(null).matches({ a: 'b' })).toBe(false);
    expect(labelSelectorFromMeta({}).matches({ a: 'b' })).toBe(true);
    expect(labelSelectorFromMeta({ matchLabels: {}, matchExpressions: [] }).empty()).toBe(true);
  });

  it('turns matchLabels and matchExpressions into sorted requirements', () => {
    const selector = labelSelectorFromMeta({
      matchLabels: { tier: 'fe', app: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'dev'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'zone', operator: 'NotIn', values: ['b'] },
        { key: 'owner', operator: 'Exists' },
      ],
    });
    expect(selector.toString()).toBe('app=web,!canary,env in (dev,prod),owner,tier=fe,zone notin (b)');
    expect(selector.matches({ app: 'web', tier: 'fe', env: 'dev', owner: 'me' })).toBe(true);
    expect(selector.matches({ app: 'web', tier: 'fe', env: 'dev', owner: 'me', canary: 'y' })).toBe(false);
  });

  it.each([
    [{ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }, '"Bogus" is not a valid label selector operator'],
    [{ matchExpressions: [{ key: 'a', operator: 'In' }] }, "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty"],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty"],
    [
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
      'values: Invalid value: ["x"]: values set must be empty for exists and does not exist',
    ],
    [{ matchLabels: { 'a b': 'c' } }, /^key: Invalid value: "a b": name part must consist of/],
  ])('rejects %j', (selector, message) => {
    expect(() => labelSelectorFromMeta(selector)).toThrow(message);
    expect(formatLabelSelector(selector)).toBe('<error>');
  });

  it('formats for the Scale subresource and printers', () => {
    expect(formatLabelSelector({ matchLabels: { app: 'demo' } })).toBe('app=demo');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector(undefined)).toBe('<none>');
  });
});
