/*
 * Message builders shared by the validators: k8s.io/apimachinery/pkg/util/validation/validation.go
 * and pkg/api/validate/content/errors.go (v0.35). The two packages differ in one word: names
 * (util/validation) are limited in `characters`, label keys and values (content) in `bytes`.
 */

/** util/validation.MaxLenError: `must be no more than 253 characters`. */
export function maxLenCharactersError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** content.MaxLenError: `must be no more than 63 bytes`. */
export function maxLenBytesError(length: number): string {
  return `must be no more than ${length} bytes`;
}

/** EmptyError: `must be non-empty`. */
export function emptyError(): string {
  return 'must be non-empty';
}

/**
 * RegexError: `<msg> (e.g. 'a',  or 'b', regex used for validation is '<re>')`. The double space
 * before `or` is the real server's.
 */
export function regexError(message: string, regex: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${regex}')`;
  const shown = examples.map((example, i) => `${i > 0 ? ' or ' : ''}'${example}', `).join('');
  return `${message} (e.g. ${shown}regex used for validation is '${regex}')`;
}

/** The length Go's len() gives a string: its UTF-8 byte count. */
export function byteLength(value: string): number {
  return new TextEncoder().encode(value).length;
}
