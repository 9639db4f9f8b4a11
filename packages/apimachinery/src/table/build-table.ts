import { fieldErrorMessage, fieldInvalid } from '../errors/field-error.js';
import { newBadRequest } from '../errors/request-errors.js';
import type { KubeObject, ListMeta } from '../meta.js';
import { listMeta, toPartialObjectMetadata } from './partial-object-metadata.js';
import type { IncludeObject, MetaGroupVersion, Table, TableCell, TableColumnDefinition, TableRow, TableRowCondition } from './types.js';

/*
 * Builds the `as=Table` response as k8s.io/apiserver/pkg/endpoints/handlers/response.go (asTable)
 * and pkg/registry/rest/table.go (the default convertor) shape it (v0.35).
 */

/** What a row function returns: the cells, or the cells with row conditions. */
export type TableRowResult = TableCell[] | { cells: TableCell[]; conditions?: TableRowCondition[] };

export interface BuildTableOptions {
  /** What each row embeds; `Metadata` (a PartialObjectMetadata) when unset or empty. */
  includeObject?: IncludeObject | '';
  /** The list's resourceVersion, continue and remainingItemCount (or a single object's resourceVersion). */
  metadata?: ListMeta;
  /** Leave out the column definitions (`columnDefinitions: null`), as watch events after the first do. */
  noHeaders?: boolean;
  /** `meta.k8s.io/v1` unless the client asked for v1beta1. */
  groupVersion?: MetaGroupVersion;
}

const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

/**
 * The 400 for a bad `includeObject` (ValidateTableOptions):
 * `Unable to convert to Table as requested: includeObject: Invalid value: "X": must be 'Metadata', 'Object', 'None', or empty`.
 * An empty or missing value means Metadata.
 */
export function parseIncludeObject(value: string | null | undefined): IncludeObject {
  if (!value) return 'Metadata';
  if (value === 'None' || value === 'Metadata' || value === 'Object') return value;
  const error = fieldInvalid('includeObject', value, "must be 'Metadata', 'Object', 'None', or empty");
  throw newBadRequest(`Unable to convert to Table as requested: ${fieldErrorMessage(error)}`);
}

function rowObject(object: KubeObject, includeObject: IncludeObject, groupVersion: MetaGroupVersion): TableRow['object'] {
  if (includeObject === 'Object') return object;
  // The initial-events-end bookmark of a watch-list always carries its metadata.
  const isBookmarkEnd = object.metadata?.annotations?.[INITIAL_EVENTS_END] === 'true';
  if (includeObject === 'Metadata' || isBookmarkEnd) return toPartialObjectMetadata(object, groupVersion);
  return null;
}

/**
 * A meta.k8s.io Table: one row per object from `rowFn`, each embedding what `includeObject` asks
 * for. Rows are `[]` (not null) for an empty list, as the built-in printers return them.
 */
export function buildTable<T extends KubeObject>(
  columns: readonly TableColumnDefinition[],
  objects: readonly T[],
  rowFn: (object: T, index: number) => TableRowResult,
  options: BuildTableOptions = {},
): Table {
  const groupVersion = options.groupVersion ?? 'meta.k8s.io/v1';
  const includeObject = options.includeObject || 'Metadata';
  const rows = objects.map((object, index): TableRow => {
    const result = rowFn(object, index);
    const cells = Array.isArray(result) ? result : result.cells;
    const conditions = Array.isArray(result) ? undefined : result.conditions;
    const embedded = rowObject(object, includeObject, groupVersion);
    return conditions && conditions.length > 0 ? { cells, conditions, object: embedded } : { cells, object: embedded };
  });
  return {
    kind: 'Table',
    apiVersion: groupVersion,
    metadata: listMeta(options.metadata),
    columnDefinitions: options.noHeaders ? null : columns.map((column) => ({ ...column })),
    rows,
  };
}

/** ObjectMeta's description of `name`, as the default columns carry it. */
export const METADATA_NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

/** ObjectMeta's description of `creationTimestamp`, as the default and AGE columns carry it. */
export const METADATA_CREATION_TIMESTAMP_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** The columns of the default table convertor (kinds without printer columns): Name and Created At. */
export const DEFAULT_TABLE_COLUMNS: readonly TableColumnDefinition[] = [
  { name: 'Name', type: 'string', format: 'name', description: METADATA_NAME_DESCRIPTION, priority: 0 },
  { name: 'Created At', type: 'date', format: '', description: METADATA_CREATION_TIMESTAMP_DESCRIPTION, priority: 0 },
];

/** The default convertor's cells: the name and the creation time in RFC 3339 UTC (Go's zero time if unset). */
export function defaultTableCells(object: KubeObject): TableCell[] {
  const created = object.metadata?.creationTimestamp ? Date.parse(object.metadata.creationTimestamp) : Number.NaN;
  const createdText = Number.isNaN(created) ? '0001-01-01T00:00:00Z' : new Date(created).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [object.metadata?.name ?? '', createdText];
}
