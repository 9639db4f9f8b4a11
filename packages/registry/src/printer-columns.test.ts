import { describe, expect, it } from 'vitest';
import { parseJsonPath, printerColumns } from './printer-columns.js';

const NOW = Date.parse('2026-12-02T12:00:00Z');

describe('printer columns of a CRD version', () => {
  const object = {
    metadata: { name: 'x', creationTimestamp: '2026-12-02T11:55:00Z', labels: { app: 'web' } },
    spec: { msg: 'hello', replicas: 3, tags: ['a', 'b'], nested: { on: true } },
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  };
  const cell = (type: string, jsonPath: string) => printerColumns([{ name: 'C', type, jsonPath }])[0]!.cell(object, NOW);

  it('reads the simple JSONPaths CRDs use', () => {
    expect(cell('string', '.spec.msg')).toBe('hello');
    expect(cell('integer', '.spec.replicas')).toBe(3);
    expect(cell('string', '.status.conditions[0].type')).toBe('Ready');
    expect(cell('string', ".metadata.labels['app']")).toBe('web');
    expect(cell('string', '.spec.tags[*]')).toBe('a,b');
    expect(cell('string', '.spec.nested')).toBe('{"on":true}');
    expect(cell('boolean', '.spec.nested.on')).toBe(true);
  });

  it('prints a date as its age and a missing value as none', () => {
    expect(cell('date', '.metadata.creationTimestamp')).toBe('5m');
    expect(cell('string', '.spec.missing')).toBeNull();
    expect(cell('string', '.spec[?(@.x)]')).toBeNull();
  });

  it('keeps the column definition', () => {
    expect(printerColumns([{ name: 'Message1', type: 'string', jsonPath: '.spec.msg', priority: 1, description: 'd' }])[0]).toMatchObject({
      name: 'Message1',
      type: 'string',
      priority: 1,
      description: 'd',
    });
    expect(parseJsonPath('spec')).toBeUndefined();
  });
});
