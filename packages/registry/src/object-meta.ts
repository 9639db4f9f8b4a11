import { randomBytes, randomUUID } from 'node:crypto';

// k8s.io/apiserver/pkg/storage/names: generateName gets 5 random characters from this alphabet
// (no vowels, no digits that read like letters, so generated names spell no words).
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const SUFFIX_LENGTH = 5;

export function generateNameSuffix(): string {
  const bytes = randomBytes(SUFFIX_LENGTH);
  let suffix = '';
  for (const byte of bytes) suffix += NAME_ALPHABET[byte % NAME_ALPHABET.length];
  return suffix;
}

/** Kubernetes caps the generateName prefix so the result stays a valid 63-character name. */
const MAX_GENERATED_NAME_LENGTH = 63;

export function generateName(prefix: string): string {
  const maxPrefix = MAX_GENERATED_NAME_LENGTH - SUFFIX_LENGTH;
  return `${prefix.length > maxPrefix ? prefix.slice(0, maxPrefix) : prefix}${generateNameSuffix()}`;
}

export function newUid(): string {
  return randomUUID();
}

/** meta/v1 Time: RFC 3339 with second precision, always UTC (`2026-11-23T15:04:05Z`). */
export function formatTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
