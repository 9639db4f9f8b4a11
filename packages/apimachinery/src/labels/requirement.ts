import { aggregateFieldErrors, fieldInvalid, fieldNotSupported, type FieldError } from '../errors/field-error.js';
import { FieldPath } from '../errors/field-path.js';
import { compareGoStrings } from '../errors/go-format.js';
import { isQualifiedName, isValidLabelValue } from '../validation/labels.js';

/** selection.Operator: the operators of a label selector requirement. */
export type SelectorOperator = '!' | '=' | '==' | 'in' | '!=' | 'notin' | 'exists' | 'gt' | 'lt';

/** One term of a label selector: `key in (a,b)`, `!key`, `key=value`, … */
export interface LabelRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

const BINARY_OPERATORS: readonly SelectorOperator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const VALID_OPERATORS: readonly SelectorOperator[] = [...BINARY_OPERATORS, 'exists', '!'];

/** The operator list the parser prints when it expects one: `in, notin, =, ==, !=, gt, lt`. */
export const BINARY_OPERATOR_LIST = BINARY_OPERATORS.join(', ');

/** A field path that may be Go's nil path (printed `<nil>`), and its Child. */
export type MaybePath = FieldPath | undefined;
const child = (path: MaybePath, name: string): FieldPath => (path ? path.child(name) : FieldPath.of(name));

/** labels.validateLabelKey: the key's messages joined by "; ", at `path` (`<nil>` for none). */
export function validateLabelKey(key: string, path: MaybePath): FieldError | undefined {
  const errors = isQualifiedName(key);
  return errors.length > 0 ? fieldInvalid(path ?? '<nil>', key, errors.join('; ')) : undefined;
}

function validateLabelValue(key: string, value: string, path: FieldPath): FieldError | undefined {
  const errors = isValidLabelValue(value);
  return errors.length > 0 ? fieldInvalid(path.key(key), value, errors.join('; ')) : undefined;
}

const INT64 = /^[+-]?[0-9]+$/;
/** strconv.ParseInt(s, 10, 64), or undefined where Go would fail. */
function parseInt64(value: string): bigint | undefined {
  if (!INT64.test(value)) return undefined;
  const parsed = BigInt(value);
  return parsed >= -(2n ** 63n) && parsed < 2n ** 63n ? parsed : undefined;
}

/**
 * labels.NewRequirement: validates the key, the operator's arity and every value. `values`
 * `undefined` stands for Go's nil slice (printed `null` in an error). Returns the requirement or
 * the aggregated error message.
 */
export function newRequirement(
  key: string,
  operator: SelectorOperator,
  values: readonly string[] | undefined,
  path?: FieldPath,
): { requirement: LabelRequirement; error?: string } {
  const errors: FieldError[] = [];
  const keyError = validateLabelKey(key, child(path, 'key'));
  if (keyError) errors.push(keyError);
  const list = values ?? [];
  const badList = values === undefined ? null : [...values];
  const valuePath = child(path, 'values');
  switch (operator) {
    case 'in':
    case 'notin':
      if (list.length === 0) errors.push(fieldInvalid(valuePath, badList, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (list.length !== 1) errors.push(fieldInvalid(valuePath, badList, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (list.length !== 0) errors.push(fieldInvalid(valuePath, badList, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (list.length !== 1) errors.push(fieldInvalid(valuePath, badList, "for 'Gt', 'Lt' operators, exactly one value is required"));
      list.forEach((value, i) => {
        if (parseInt64(value) === undefined) {
          errors.push(fieldInvalid(valuePath.index(i), value, "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      break;
    default:
      errors.push(fieldNotSupported(child(path, 'operator'), operator, VALID_OPERATORS));
  }
  list.forEach((value, i) => {
    const valueError = validateLabelValue(key, value, valuePath.index(i));
    if (valueError) errors.push(valueError);
  });
  return { requirement: { key, operator, values: [...list] }, error: aggregateFieldErrors(errors) };
}

/** Requirement.Matches. */
export function requirementMatches(requirement: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, requirement.key);
  const value = has ? labels[requirement.key] : undefined;
  switch (requirement.operator) {
    case 'in':
    case '=':
    case '==':
      return value !== undefined && requirement.values.includes(value);
    case 'notin':
    case '!=':
      return value === undefined || !requirement.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (value === undefined || requirement.values.length !== 1) return false;
      const actual = parseInt64(value);
      const bound = parseInt64(requirement.values[0] ?? '');
      if (actual === undefined || bound === undefined) return false;
      return requirement.operator === 'gt' ? actual > bound : actual < bound;
    }
    default:
      return false;
  }
}

const OPERATOR_TEXT: Partial<Record<SelectorOperator, string>> = {
  '=': '=',
  '==': '==',
  '!=': '!=',
  in: ' in ',
  notin: ' notin ',
  gt: '>',
  lt: '<',
};

/** Requirement.String: `key`, `!key`, `key=v`, `key in (a,b)` (values sorted on output). */
export function requirementToString(requirement: LabelRequirement): string {
  const { key, operator, values } = requirement;
  if (operator === 'exists') return key;
  if (operator === '!') return `!${key}`;
  const shown = values.length === 1 ? (values[0] ?? '') : [...values].sort(compareGoStrings).join(',');
  const set = operator === 'in' || operator === 'notin';
  return `${key}${OPERATOR_TEXT[operator] ?? ''}${set ? `(${shown})` : shown}`;
}
