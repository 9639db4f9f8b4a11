import { newBadRequest } from '../errors/request-errors.js';
import { compareGoStrings } from '../errors/go-format.js';

/*
 * Field selectors as k8s.io/apimachinery/pkg/fields/selector.go (v0.35) parses, prints and
 * matches them: `f=v`, `f==v`, `f!=v` joined by commas; `\`, `,` and `=` in a value escaped with `\`.
 */

/** One term: `==` is kept as `=`, as the real selector does. */
export interface FieldRequirement {
  readonly field: string;
  readonly operator: '=' | '!=';
  readonly value: string;
}

/** Reads a field of an object by its selector name; `undefined` reads as the empty string. */
export type FieldGetter = (field: string) => string | undefined;

/**
 * A field label conversion (runtime.FieldLabelConversionFunc): returns the field and value to
 * select on, `['', '']` to drop the term, or throws an Error whose message the client sees.
 */
export type FieldLabelConversion = (field: string, value: string) => readonly [string, string];

/** EscapeValue: `\` → `\\`, `,` → `\,`, `=` → `\=`. */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (ch) => `\\${ch}`);
}

/** UnescapeValue, with the real errors for a bad escape or an unescaped `,` or `=`. */
export function unescapeFieldValue(value: string): string {
  if (!/[\\,=]/.test(value)) return value;
  let out = '';
  let inSlash = false;
  for (const ch of value) {
    if (inSlash) {
      if (ch !== '\\' && ch !== ',' && ch !== '=') {
        throw new Error(`invalid field selector: invalid escape sequence: \\${ch}`);
      }
      out += ch;
      inSlash = false;
    } else if (ch === '\\') {
      inSlash = true;
    } else if (ch === ',' || ch === '=') {
      // Go prints the rune with %v: its code point, e.g. 61 for '='.
      throw new Error(`invalid field selector: unescaped character in value: ${ch.codePointAt(0)}`);
    } else {
      out += ch;
    }
  }
  if (inSlash) throw new Error('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** splitTerms: commas split terms unless escaped; the escapes stay in the terms. */
function splitTerms(selector: string): string[] {
  if (selector.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const ch = selector[i];
    if (inSlash) inSlash = false;
    else if (ch === '\\') inSlash = true;
    else if (ch === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

/** splitTerm: the first `!=`, `==` or `=` splits the field from the (still escaped) value. */
function splitTerm(term: string): { field: string; operator: string; value: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const operator of ['!=', '==', '=']) {
      if (term.startsWith(operator, i)) return { field: term.slice(0, i), operator, value: term.slice(i + operator.length) };
    }
  }
  return undefined;
}

export class FieldSelector {
  private constructor(readonly requirements: readonly FieldRequirement[]) {}

  /** fields.Everything(). */
  static everything(): FieldSelector {
    return new FieldSelector([]);
  }

  /** A selector of the given terms, in the given order. */
  static of(requirements: readonly FieldRequirement[]): FieldSelector {
    return new FieldSelector([...requirements]);
  }

  /** fields.SelectorFromSet / OneTermEqualSelector: `field=value` for each entry. */
  static fromSet(fields: Readonly<Record<string, string>>): FieldSelector {
    return new FieldSelector(Object.entries(fields).map(([field, value]) => ({ field, operator: '=', value })));
  }

  /** Whether every term holds; a missing field reads as `''` (so `f!=x` matches it). */
  matches(getField: FieldGetter): boolean {
    return this.requirements.every((r) => ((getField(r.field) ?? '') === r.value) === (r.operator === '='));
  }

  empty(): boolean {
    return this.requirements.length === 0;
  }

  /** The field names the selector reads, for the registry to check against the kind's own. */
  fields(): string[] {
    return [...new Set(this.requirements.map((r) => r.field))];
  }

  /** RequiresExactMatch: the value an `=` term requires of `field`, e.g. metadata.name for a single-object watch. */
  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator === '=')?.value;
  }

  /** Transform: every term through `conversion`; terms converted to `['', '']` are dropped. */
  transform(conversion: FieldLabelConversion): FieldSelector {
    const next: FieldRequirement[] = [];
    for (const requirement of this.requirements) {
      const [field, value] = conversion(requirement.field, requirement.value);
      if (field.length > 0 || value.length > 0) next.push({ field, operator: requirement.operator, value });
    }
    return new FieldSelector(next);
  }

  /** String(): `metadata.name=a\,b,status.phase!=Running`. */
  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator}${escapeFieldValue(r.value)}`).join(',');
  }
}

/**
 * fields.ParseSelector: the terms sorted as strings (as the real parser sorts them). Throws a
 * 400 BadRequest StatusError with the real message, e.g.
 * `invalid selector: 'a'; can't understand 'a'`.
 */
export function parseFieldSelector(selector: string): FieldSelector {
  const requirements: FieldRequirement[] = [];
  for (const term of splitTerms(selector).sort(compareGoStrings)) {
    if (term === '') continue;
    const parts = splitTerm(term);
    if (!parts) throw newBadRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    let value: string;
    try {
      value = unescapeFieldValue(parts.value);
    } catch (error) {
      throw newBadRequest((error as Error).message);
    }
    requirements.push({ field: parts.field, operator: parts.operator === '!=' ? '!=' : '=', value });
  }
  return FieldSelector.of(requirements);
}
