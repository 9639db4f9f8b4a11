import { describe, expect, it } from 'vitest';
import { managerFromUserAgent } from './field-ownership.js';
import { Registry } from './registry.js';

describe('managerFromUserAgent', () => {
  it('takes the product before the first slash', () => {
    expect(managerFromUserAgent('kubectl-edit/v1.35.2 (linux/amd64) kubernetes/fdc9d74')).toBe('kubectl-edit');
    expect(managerFromUserAgent(undefined)).toBe('');
  });

  it('drops unprintable characters and stops before 128 bytes', () => {
    expect(managerFromUserAgent('a\u0000b\u0007c/1')).toBe('abc');
    expect(managerFromUserAgent('é'.repeat(70))).toBe('é'.repeat(64));
  });
});

describe('managed fields of repeated writes', () => {
  it('keep the stored list when a write moves no field within the same second, and take a new time after it', async () => {
    let now = Date.UTC(2026, 11, 2, 12, 0, 0);
    const registry = new Registry({ now: () => now });
    await registry.bootstrap();
    const configMaps = registry.resource('', 'v1', 'configmaps')!;
    await configMaps.create('default', { metadata: { name: 'x' }, data: { a: '1' } }, { fieldManager: 'creator' });
    const annotate = (value: string) =>
      configMaps.update('default', 'x', (current) => ({ ...current, metadata: { ...current.metadata, annotations: { serial: value } } }), { fieldManager: 'writer' });
    const first = await annotate('1');
    const second = await annotate('2');
    expect(second.object.metadata?.managedFields).toBe(first.object.metadata?.managedFields);
    now += 1000;
    const later = await annotate('3');
    const entryOf = (item: typeof later, manager: string) =>
      (item.object.metadata?.managedFields as Array<{ manager: string; time: string }> | undefined)?.find((entry) => entry.manager === manager);
    expect(entryOf(later, 'writer')?.time).toBe('2026-12-02T12:00:01Z');
    expect(entryOf(later, 'creator')).toBe(entryOf(first, 'creator'));
  });
});
