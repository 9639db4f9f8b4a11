import { describe, expect, it } from 'vitest';
import { isStatusError } from '../errors/status-error.js';
import type { KubeObject } from '../meta.js';
import { DEFAULT_TABLE_COLUMNS, buildTable, defaultTableCells, parseIncludeObject } from './build-table.js';
import { translateTimestampSince } from './human-duration.js';
import type { TableColumnDefinition } from './types.js';

const now = Date.parse('2026-11-23T12:00:00Z');
const pod = (name: string, phase: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', resourceVersion: '7', creationTimestamp: '2026-11-23T11:56:40Z', labels: { app: 'web' } },
  status: { phase },
});
const columns: TableColumnDefinition[] = [
  { name: 'Name', type: 'string', format: 'name', description: 'the name', priority: 0 },
  { name: 'Status', type: 'string', format: '', description: 'the phase', priority: 0 },
  { name: 'Age', type: 'string', format: '', description: 'the age', priority: 0 },
];
const row = (object: KubeObject) => [
  object.metadata?.name ?? '',
  (object.status as { phase: string }).phase,
  translateTimestampSince(object.metadata?.creationTimestamp, now),
];

// Shape of k8s.io/apiserver/pkg/endpoints/handlers/response.go asTable (v0.35).
describe('buildTable', () => {
  it('embeds PartialObjectMetadata by default', () => {
    const table = buildTable(columns, [pod('web-1', 'Running')], row, { metadata: { resourceVersion: '9' } });
    expect(table).toEqual({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '9' },
      columnDefinitions: columns,
      rows: [
        {
          cells: ['web-1', 'Running', '3m20s'],
          object: {
            kind: 'PartialObjectMetadata',
            apiVersion: 'meta.k8s.io/v1',
            metadata: { name: 'web-1', namespace: 'default', resourceVersion: '7', creationTimestamp: '2026-11-23T11:56:40Z', labels: { app: 'web' } },
          },
        },
      ],
    });
    expect(Object.keys(table)).toEqual(['kind', 'apiVersion', 'metadata', 'columnDefinitions', 'rows']);
  });

  it.each([
    ['Object', (o: KubeObject) => o],
    ['None', () => null],
    ['', (o: KubeObject) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata })],
  ] as const)('includeObject=%j', (includeObject, expected) => {
    const object = pod('a', 'Pending');
    expect(buildTable(columns, [object], row, { includeObject }).rows[0]?.object).toEqual(expected(object));
  });

  it('keeps the metadata of the initial-events-end bookmark even with None', () => {
    const bookmark: KubeObject = { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: '5', annotations: { 'k8s.io/initial-events-end': 'true' } } };
    expect(buildTable(columns, [bookmark], () => ['', '', ''], { includeObject: 'None' }).rows[0]?.object).toMatchObject({
      kind: 'PartialObjectMetadata',
      metadata: { resourceVersion: '5' },
    });
  });

  it('adds row conditions, list metadata, and omits headers on request', () => {
    const table = buildTable(columns, [pod('a', 'Succeeded')], (o) => ({ cells: row(o), conditions: [{ type: 'Completed', status: 'True' }] }), {
      metadata: { resourceVersion: '3', continue: 'tok', remainingItemCount: 4 },
      noHeaders: true,
      groupVersion: 'meta.k8s.io/v1beta1',
    });
    expect(table.apiVersion).toBe('meta.k8s.io/v1beta1');
    expect(table.metadata).toEqual({ resourceVersion: '3', continue: 'tok', remainingItemCount: 4 });
    expect(table.columnDefinitions).toBeNull();
    expect(Object.keys(table.rows[0] ?? {})).toEqual(['cells', 'conditions', 'object']);
    expect(table.rows[0]?.object).toMatchObject({ apiVersion: 'meta.k8s.io/v1beta1' });
  });

  it('has no rows, not null, for an empty list', () => {
    expect(buildTable(columns, [], row).rows).toEqual([]);
  });
});

// ValidateTableOptions (pkg/apis/meta/v1/validation) and optionsForTransform (response.go).
describe('parseIncludeObject', () => {
  it.each([
    [undefined, 'Metadata'],
    ['', 'Metadata'],
    ['None', 'None'],
    ['Metadata', 'Metadata'],
    ['Object', 'Object'],
  ])('%j → %s', (value, expected) => {
    expect(parseIncludeObject(value)).toBe(expected);
  });

  it('rejects anything else with the real 400', () => {
    let thrown: unknown;
    try {
      parseIncludeObject('object');
    } catch (error) {
      thrown = error;
    }
    expect(isStatusError(thrown, 'BadRequest')).toBe(true);
    expect((thrown as Error).message).toBe(
      "Unable to convert to Table as requested: includeObject: Invalid value: \"object\": must be 'Metadata', 'Object', 'None', or empty",
    );
  });
});

// pkg/registry/rest/table.go defaultTableConvertor.
describe('default table convertor', () => {
  it('prints Name and Created At', () => {
    expect(DEFAULT_TABLE_COLUMNS.map((c) => [c.name, c.type, c.format])).toEqual([
      ['Name', 'string', 'name'],
      ['Created At', 'date', ''],
    ]);
    expect(defaultTableCells(pod('a', 'x'))).toEqual(['a', '2026-11-23T11:56:40Z']);
    expect(defaultTableCells({ metadata: { name: 'b', creationTimestamp: '2026-11-23T11:56:40.123Z' } })).toEqual(['b', '2026-11-23T11:56:40Z']);
    expect(defaultTableCells({ metadata: { name: 'c' } })).toEqual(['c', '0001-01-01T00:00:00Z']);
  });
});
