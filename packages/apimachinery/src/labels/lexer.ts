/**
 * The label selector lexer of k8s.io/apimachinery/pkg/labels/selector.go (v0.35), token for token,
 * so that the parser reports the same literals in its errors. Internal to the package.
 */
export type Token =
  | 'Error'
  | 'EndOfString'
  | 'ClosedPar'
  | 'Comma'
  | 'DoesNotExist'
  | 'DoubleEquals'
  | 'Equals'
  | 'GreaterThan'
  | 'Identifier'
  | 'In'
  | 'LessThan'
  | 'NotEquals'
  | 'NotIn'
  | 'OpenPar';

export interface ScannedItem {
  token: Token;
  literal: string;
}

const STRING_TO_TOKEN: Record<string, Token> = {
  ')': 'ClosedPar',
  ',': 'Comma',
  '!': 'DoesNotExist',
  '==': 'DoubleEquals',
  '=': 'Equals',
  '>': 'GreaterThan',
  in: 'In',
  '<': 'LessThan',
  '!=': 'NotEquals',
  notin: 'NotIn',
  '(': 'OpenPar',
};

const tokenFor = (text: string): Token | undefined => (Object.hasOwn(STRING_TO_TOKEN, text) ? STRING_TO_TOKEN[text] : undefined);

const isWhitespace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecialSymbol = (ch: string): boolean => '=!(),><'.includes(ch) && ch !== '';

class Lexer {
  private pos = 0;
  constructor(private readonly input: string) {}

  /** The next character, or '' at the end; a NUL character reads as the end, as in Go. */
  private read(): string {
    if (this.pos >= this.input.length) return '';
    const ch = this.input[this.pos++] ?? '';
    return ch === '\0' ? '' : ch;
  }

  private unread(): void {
    this.pos--;
  }

  private scanIdOrKeyword(): ScannedItem {
    let buffer = '';
    for (;;) {
      const ch = this.read();
      if (ch === '') break;
      if (isSpecialSymbol(ch) || isWhitespace(ch)) {
        this.unread();
        break;
      }
      buffer += ch;
    }
    return { token: tokenFor(buffer) ?? 'Identifier', literal: buffer };
  }

  private scanSpecialSymbol(): ScannedItem {
    let last: ScannedItem | undefined;
    let buffer = '';
    for (;;) {
      const ch = this.read();
      if (ch === '') break;
      if (!isSpecialSymbol(ch)) {
        this.unread();
        break;
      }
      buffer += ch;
      const token = tokenFor(buffer);
      if (token) {
        last = { token, literal: buffer };
      } else if (last) {
        this.unread();
        break;
      }
    }
    return last ?? { token: 'Error', literal: `error expected: keyword found '${buffer}'` };
  }

  lex(): ScannedItem {
    let ch = this.read();
    while (isWhitespace(ch)) ch = this.read();
    if (ch === '') return { token: 'EndOfString', literal: '' };
    this.unread();
    return isSpecialSymbol(ch) ? this.scanSpecialSymbol() : this.scanIdOrKeyword();
  }
}

/** Every token of `input`, ending with EndOfString. */
export function scan(input: string): ScannedItem[] {
  const lexer = new Lexer(input);
  const items: ScannedItem[] = [];
  for (;;) {
    const item = lexer.lex();
    items.push(item);
    if (item.token === 'EndOfString') return items;
  }
}
