import { describe, expect, it } from 'vitest';
import { FieldPath } from '../errors/field-path.js';
import { type SelectorOperator, newRequirement, requirementMatches, requirementToString } from './requirement.js';

// labels.NewRequirement, Requirement.Matches and Requirement.String (pkg/labels/selector.go, v0.35).
describe('newRequirement', () => {
  it.each([
    ['a', 'in', ['x'], undefined],
    ['a', '=', ['x', 'y'], 'values: Invalid value: ["x","y"]: exact-match compatibility requires one single value'],
    ['a', '!=', [], 'values: Invalid value: []: exact-match compatibility requires one single value'],
    ['a', 'gt', ['1', '2'], "values: Invalid value: [\"1\",\"2\"]: for 'Gt', 'Lt' operators, exactly one value is required"],
    ['a', 'lt', ['99999999999999999999'], "values[0]: Invalid value: \"99999999999999999999\": for 'Gt', 'Lt' operators, the value must be an integer"],
    [
      'a',
      'like',
      ['x'],
      'operator: Unsupported value: "like": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"',
    ],
    ['a b', 'exists', [], expect.stringMatching(/^key: Invalid value: "a b": name part must/)],
  ])('%s %s %j', (key, operator, values, error) => {
    expect(newRequirement(key, operator as SelectorOperator, values).error).toEqual(error);
  });

  it('nests paths under the one it is given', () => {
    expect(newRequirement('a', 'in', [], FieldPath.of('spec', 'selector')).error).toBe(
      "spec.selector.values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty",
    );
  });
});

describe('requirementMatches', () => {
  it.each([
    ['gt', ['5'], { n: '6' }, true],
    ['gt', ['5'], { n: '5' }, false],
    ['lt', ['-5'], { n: '-6' }, true],
    ['lt', ['5'], { n: '+4' }, true],
    ['gt', ['5'], { n: '9223372036854775808' }, false],
    ['gt', ['x'], { n: '6' }, false],
    ['in', ['a', ''], { n: '' }, true],
    ['exists', [], { n: '' }, true],
  ])('n %s %j on %j', (operator, values, labels, expected) => {
    expect(requirementMatches({ key: 'n', operator: operator as SelectorOperator, values }, labels)).toBe(expected);
  });

  it('ignores inherited properties', () => {
    expect(requirementMatches({ key: 'toString', operator: 'exists', values: [] }, {})).toBe(false);
  });
});

describe('requirementToString', () => {
  it.each([
    ['in', ['b', 'a'], 'k in (a,b)'],
    ['notin', [''], 'k notin ()'],
    ['=', ['v'], 'k=v'],
    ['==', ['v'], 'k==v'],
    ['!=', ['v'], 'k!=v'],
    ['gt', ['1'], 'k>1'],
    ['lt', ['1'], 'k<1'],
    ['exists', [], 'k'],
    ['!', [], '!k'],
  ])('%s %j → %s', (operator, values, expected) => {
    expect(requirementToString({ key: 'k', operator: operator as SelectorOperator, values })).toBe(expected);
  });
});
