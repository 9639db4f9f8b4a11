import { describe, expect, it } from 'vitest';
import { FieldPath } from '../errors/field-path.js';
import { scan } from './lexer.js';
import { parseRequirements } from './parser.js';

// Grammar and error messages from k8s.io/apimachinery/pkg/labels/selector.go (v0.35), cases
// adapted from its selector_test.go. The apiserver answers a bad labelSelector with 400 and
// exactly these messages (metav1 Convert_string_To_labels_Selector → errors.NewBadRequest).
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('lexer', () => {
  it.each([
    ['x in (a,b)', ['Identifier', 'In', 'OpenPar', 'Identifier', 'Comma', 'Identifier', 'ClosedPar', 'EndOfString']],
    ['!x', ['DoesNotExist', 'Identifier', 'EndOfString']],
    ['x!=y', ['Identifier', 'NotEquals', 'Identifier', 'EndOfString']],
    ['x==y', ['Identifier', 'DoubleEquals', 'Identifier', 'EndOfString']],
    ['x=!y', ['Identifier', 'Equals', 'DoesNotExist', 'Identifier', 'EndOfString']],
    ['x>1', ['Identifier', 'GreaterThan', 'Identifier', 'EndOfString']],
    ['  \tx \n', ['Identifier', 'EndOfString']],
    ['notin', ['NotIn', 'EndOfString']],
    ['a\0b', ['Identifier', 'Identifier', 'EndOfString']],
  ])('%j', (input, tokens) => {
    expect(scan(input).map((item) => item.token)).toEqual(tokens);
  });
});

describe('parseRequirements: valid selectors', () => {
  it.each([
    ['', []],
    ['x=a', [['x', '=', ['a']]]],
    ['x==a', [['x', '==', ['a']]]],
    ['x!=a', [['x', '!=', ['a']]]],
    ['x=', [['x', '=', ['']]]],
    ['x= ,z= ', [['x', '=', ['']], ['z', '=', ['']]]],
    ['x', [['x', 'exists', []]]],
    ['!x', [['x', '!', []]]],
    [' x in ( a , b ) ', [['x', 'in', ['a', 'b']]]],
    ['x in (b,a,b)', [['x', 'in', ['a', 'b']]]],
    ['x notin (a)', [['x', 'notin', ['a']]]],
    ['x in ()', [['x', 'in', ['']]]],
    ['x in (,)', [['x', 'in', ['']]]],
    ['x in (a,,b)', [['x', 'in', ['', 'a', 'b']]]],
    ['x in (in,notin)', [['x', 'in', ['in', 'notin']]]],
    ['in in (in)', [['in', 'in', ['in']]]],
    ['x>1,y<5', [['x', 'gt', ['1']], ['y', 'lt', ['5']]]],
    ['z=c,x=a,y', [['x', '=', ['a']], ['y', 'exists', []], ['z', '=', ['c']]]],
    ['app.kubernetes.io/name=web', [['app.kubernetes.io/name', '=', ['web']]]],
  ])('%j', (selector, expected) => {
    const result = parseRequirements(selector);
    expect(result).toEqual({ requirements: expected.map(([key, operator, values]) => ({ key, operator, values })) });
  });
});

describe('parseRequirements: invalid selectors', () => {
  it.each([
    ['x=a||y=b', "unable to parse requirement: values[0][x]: Invalid value: \"a||y\": " + VALUE],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x<a', "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer"],
    ['x y', "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt"],
    ['x (', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ['x in', "unable to parse requirement: found '' expected: '('"],
    ['x in a', "unable to parse requirement: found 'a' expected: '('"],
    ['x in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['x in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
    ['x in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['x in (a,=)', "unable to parse requirement: found '=', expected: ',', or identifier"],
    ['x=(', "unable to parse requirement: found '(', expected: identifier"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['!!x', "unable to parse requirement: found '!', expected: identifier"],
    [',x', "found ',', expected: !, identifier, or 'end of string'"],
    ['x,', "found '', expected: identifier after ','"],
    ['x,,y', "found ',', expected: identifier after ','"],
    ['app:web', `unable to parse requirement: <nil>: Invalid value: "app:web": ${NAME_PART}`],
    ['a/b/c=d', `unable to parse requirement: <nil>: Invalid value: "a/b/c": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`],
    ['y<-5', `unable to parse requirement: values[0][y]: Invalid value: "-5": ${VALUE}`],
    ['x=-a', `unable to parse requirement: values[0][x]: Invalid value: "-a": ${VALUE}`],
    [`x=${'a'.repeat(64)}`, `unable to parse requirement: values[0][x]: Invalid value: "${'a'.repeat(64)}": must be no more than 63 bytes`],
    [`x=-${'a'.repeat(64)}`, `unable to parse requirement: values[0][x]: Invalid value: "-${'a'.repeat(64)}": must be no more than 63 bytes; ${VALUE}`],
    ['x in (-a,-b)', `unable to parse requirement: [values[0][x]: Invalid value: "-a": ${VALUE}, values[1][x]: Invalid value: "-b": ${VALUE}]`],
    [`${'k'.repeat(64)}`, `unable to parse requirement: <nil>: Invalid value: "${'k'.repeat(64)}": name part must be no more than 63 bytes`],
  ])('%j', (selector, error) => {
    expect(parseRequirements(selector)).toEqual({ error });
  });

  it('prints the field path it is given instead of <nil>', () => {
    expect(parseRequirements('a b=c', FieldPath.of('spec', 'selector'))).toEqual({
      error: "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt",
    });
    expect(parseRequirements('x:y', FieldPath.of('labelSelector'))).toEqual({
      error: `unable to parse requirement: labelSelector: Invalid value: "x:y": ${NAME_PART}`,
    });
  });
});
