import { describe, expect, it } from 'vitest';
import { formatTime, generateName, generateNameSuffix, newUid } from './object-meta.js';

describe('object meta helpers', () => {
  it('appends five characters from the Kubernetes alphabet', () => {
    const suffix = generateNameSuffix();
    expect(suffix).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(generateName('web-')).toMatch(/^web-[a-z0-9]{5}$/);
  });

  it('keeps generated names within 63 characters', () => {
    expect(generateName('a'.repeat(80))).toHaveLength(63);
  });

  it('formats times as RFC 3339 seconds in UTC', () => {
    expect(formatTime(Date.UTC(2026, 10, 23, 15, 4, 5, 678))).toBe('2026-11-23T15:04:05Z');
  });

  it('makes RFC 4122 uids', () => {
    expect(newUid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
