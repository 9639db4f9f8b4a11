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

/**
 * The length Go's len() gives a string: its UTF-8 byte count, counted without encoding (every
 * name and label of every write is measured).
 */
export function byteLength(value: string): number {
  let bytes = value.length;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) {
      bytes += 1;
      continue;
    }
    const next = value.charCodeAt(i + 1);
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++; // a pair: 4 bytes for its 2 units
    bytes += 2; // 3 bytes for one unit (a lone surrogate is written as U+FFFD)
  }
  return bytes;
}
