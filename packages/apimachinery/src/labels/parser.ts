import { fieldErrorMessage } from '../errors/field-error.js';
import { compareGoStrings } from '../errors/go-format.js';
import type { FieldPath } from '../errors/field-path.js';
import { type ScannedItem, type Token, scan } from './lexer.js';
import {
  BINARY_OPERATOR_LIST,
  type LabelRequirement,
  type SelectorOperator,
  newRequirement,
  validateLabelKey,
} from './requirement.js';

/**
 * The label selector parser of k8s.io/apimachinery/pkg/labels/selector.go (v0.35): the same
 * grammar, the same (byte-for-byte) error messages. Internal; see parseLabelSelector.
 */

class ParseError extends Error {}

type Context = 'KeyAndOperator' | 'Values';

class Parser {
  private position = 0;
  constructor(
    private readonly items: ScannedItem[],
    private readonly path: FieldPath | undefined,
  ) {}

  /** In a values context the keywords `in` and `notin` are plain identifiers. */
  private shape(item: ScannedItem | undefined, context: Context): ScannedItem {
    const { token, literal } = item ?? { token: 'EndOfString' as Token, literal: '' };
    if (context === 'Values' && (token === 'In' || token === 'NotIn')) return { token: 'Identifier', literal };
    return { token, literal };
  }

  private lookahead(context: Context): ScannedItem {
    return this.shape(this.items[this.position], context);
  }

  private consume(context: Context): ScannedItem {
    return this.shape(this.items[this.position++], context);
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const { token, literal } = this.lookahead('Values');
      if (token === 'EndOfString') return requirements;
      if (token !== 'Identifier' && token !== 'DoesNotExist') {
        throw new ParseError(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
      try {
        requirements.push(this.parseRequirement());
      } catch (error) {
        if (error instanceof ParseError) throw new ParseError(`unable to parse requirement: ${error.message}`);
        throw error;
      }
      const next = this.consume('Values');
      if (next.token === 'EndOfString') return requirements;
      if (next.token !== 'Comma') throw new ParseError(`found '${next.literal}', expected: ',' or 'end of string'`);
      const after = this.lookahead('Values');
      if (after.token !== 'Identifier' && after.token !== 'DoesNotExist') {
        throw new ParseError(`found '${after.literal}', expected: identifier after ','`);
      }
    }
  }

  private requirement(key: string, operator: SelectorOperator, values: readonly string[]): LabelRequirement {
    const { requirement, error } = newRequirement(key, operator, values, this.path);
    if (error !== undefined) throw new ParseError(error);
    return requirement;
  }

  private parseRequirement(): LabelRequirement {
    const { key, operator } = this.parseKeyAndInferOperator();
    if (operator === 'exists' || operator === '!') return this.requirement(key, operator, []);
    const op = this.parseOperator();
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    return this.requirement(key, op, [...values].sort(compareGoStrings));
  }

  private parseKeyAndInferOperator(): { key: string; operator: SelectorOperator | undefined } {
    let operator: SelectorOperator | undefined;
    let item = this.consume('Values');
    if (item.token === 'DoesNotExist') {
      operator = '!';
      item = this.consume('Values');
    }
    if (item.token !== 'Identifier') throw new ParseError(`found '${item.literal}', expected: identifier`);
    const keyError = validateLabelKey(item.literal, this.path);
    if (keyError) throw new ParseError(fieldErrorMessage(keyError));
    const next = this.lookahead('Values').token;
    if ((next === 'EndOfString' || next === 'Comma') && operator !== '!') operator = 'exists';
    return { key: item.literal, operator };
  }

  private parseOperator(): SelectorOperator {
    const { token, literal } = this.consume('KeyAndOperator');
    const operators: Partial<Record<Token, SelectorOperator>> = {
      In: 'in',
      Equals: '=',
      DoubleEquals: '==',
      GreaterThan: 'gt',
      LessThan: 'lt',
      NotIn: 'notin',
      NotEquals: '!=',
    };
    const operator = operators[token];
    if (!operator) throw new ParseError(`found '${literal}', expected: ${BINARY_OPERATOR_LIST}`);
    return operator;
  }

  /** `(a,b)`: a set, so duplicates collapse; `()` and empty members are the empty string. */
  private parseValues(): Set<string> {
    const open = this.consume('Values');
    if (open.token !== 'OpenPar') throw new ParseError(`found '${open.literal}' expected: '('`);
    const { token, literal } = this.lookahead('Values');
    if (token === 'Identifier' || token === 'Comma') {
      const values = this.parseIdentifiersList();
      if (this.consume('Values').token !== 'ClosedPar') throw new ParseError(`found '${literal}', expected: ')'`);
      return values;
    }
    if (token === 'ClosedPar') {
      this.consume('Values');
      return new Set(['']);
    }
    throw new ParseError(`found '${literal}', expected: ',', ')' or identifier`);
  }

  private parseIdentifiersList(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const { token, literal } = this.consume('Values');
      if (token === 'Identifier') {
        values.add(literal);
        const next = this.lookahead('Values');
        if (next.token === 'Comma') continue;
        if (next.token === 'ClosedPar') return values;
        throw new ParseError(`found '${next.literal}', expected: ',' or ')'`);
      }
      if (token !== 'Comma') throw new ParseError(`found '${literal}', expected: ',', or identifier`);
      if (values.size === 0) values.add('');
      const next = this.lookahead('Values').token;
      if (next === 'ClosedPar') {
        values.add('');
        return values;
      }
      if (next === 'Comma') values.add('');
    }
  }

  /** The single value of `=`, `==`, `!=`, `>`, `<`; nothing before `,` or the end is the empty string. */
  private parseExactValue(): string[] {
    const next = this.lookahead('Values').token;
    if (next === 'EndOfString' || next === 'Comma') return [''];
    const { token, literal } = this.consume('Values');
    if (token === 'Identifier') return [literal];
    throw new ParseError(`found '${literal}', expected: identifier`);
  }
}

/**
 * labels.Parse: the requirements of a selector string, sorted by key, or the real parser's error
 * message (e.g. `unable to parse requirement: <nil>: Invalid value: "a b": …`).
 */
export function parseRequirements(selector: string, path?: FieldPath): { requirements: LabelRequirement[] } | { error: string } {
  try {
    const requirements = new Parser(scan(selector), path).parse();
    return { requirements: requirements.sort((a, b) => compareGoStrings(a.key, b.key)) };
  } catch (error) {
    if (error instanceof ParseError) return { error: error.message };
    throw error;
  }
}
