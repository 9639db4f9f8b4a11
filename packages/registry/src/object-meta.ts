import { randomFillSync, randomUUID } from 'node:crypto';

// k8s.io/apiserver/pkg/storage/names: generateName gets 5 random characters from this alphabet
// (no vowels, no digits that read like letters, so generated names spell no words).
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const SUFFIX_LENGTH = 5;

// Random bytes are drawn a pool at a time: one small randomBytes() per name cost several
// microseconds (a system call), a sizable share of a create.
const pool = new Uint8Array(1024);
let poolAt = pool.length;
// Bytes at or above the largest multiple of the alphabet's size are skipped, so every letter is
// equally likely (as Go's rand.Intn, which upstream uses).
const UNBIASED_BELOW = 256 - (256 % NAME_ALPHABET.length);

function randomLetter(): string {
  for (;;) {
    if (poolAt === pool.length) {
      randomFillSync(pool);
      poolAt = 0;
    }
    const byte = pool[poolAt++]!;
    if (byte < UNBIASED_BELOW) return NAME_ALPHABET[byte % NAME_ALPHABET.length]!;
  }
}

export function generateNameSuffix(): string {
  let suffix = '';
  for (let i = 0; i < SUFFIX_LENGTH; i++) suffix += randomLetter();
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

/** The last second formatted: every write of that second (its timestamps and managed fields) shares it. */
let lastFormatted = { second: NaN, text: '' };

/** meta/v1 Time: RFC 3339 with second precision, always UTC (`2026-11-23T15:04:05Z`). */
export function formatTime(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastFormatted.second) lastFormatted = { second, text: new Date(second * 1000).toISOString().replace('.000Z', 'Z') };
  return lastFormatted.text;
}
