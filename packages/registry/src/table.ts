import {
  type IncludeObject,
  type ListMeta,
  METADATA_CREATION_TIMESTAMP_DESCRIPTION,
  METADATA_NAME_DESCRIPTION,
  type MetaGroupVersion,
  type Table,
  type TableColumnDefinition,
  buildTable,
  translateTimestampSince,
} from '@kubekit/apimachinery';
import type { StoredItem } from '@kubekit/store';
import type { KubeObject } from './kube-object.js';
import type { ResourceDefinition, TableColumn } from './resource-definition.js';

/** The AGE column every kind prints (k8s.io/kubernetes/pkg/printers: translateTimestampSince). */
export const ageColumn: TableColumn = {
  name: 'Age',
  type: 'string',
  description: METADATA_CREATION_TIMESTAMP_DESCRIPTION,
  cell: (object, now) => translateTimestampSince(object.metadata?.creationTimestamp, now),
};

const nameColumn: TableColumn = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: METADATA_NAME_DESCRIPTION,
  cell: (object) => object.metadata?.name ?? '',
};

/** NAME first, unless the kind places its own name column (events print it last, storage classes mark the default). */
function columnsOf<T extends KubeObject>(definition: ResourceDefinition<T>): TableColumn<T>[] {
  const columns = definition.columns ?? [ageColumn as TableColumn<T>];
  return columns.some((column) => column.format === 'name') ? [...columns] : [nameColumn as TableColumn<T>, ...columns];
}

/** The column definitions of a kind's Table (the same for every page and watch event). */
export function tableColumnDefinitions(definition: ResourceDefinition): TableColumnDefinition[] {
  return columnsOf(definition).map((column) => ({
    name: column.name,
    type: column.type,
    format: column.format ?? '',
    description: column.description ?? '',
    priority: column.priority ?? 0,
  }));
}

export interface ConvertToTableOptions {
  now: number;
  includeObject?: IncludeObject;
  metadata?: ListMeta;
  /** Leave the column definitions out (watch events after the first). */
  noHeaders?: boolean;
  groupVersion?: MetaGroupVersion;
}

/**
 * The server-side printing of `kubectl get` (API Concepts, "Receiving resources as Tables"):
 * one row per object with the kind's columns, NAME first.
 */
export function convertToTable<T extends KubeObject>(
  definition: ResourceDefinition<T>,
  items: readonly StoredItem<T>[],
  options: ConvertToTableOptions,
): Table {
  const columns = columnsOf(definition);
  return buildTable(
    tableColumnDefinitions(definition as unknown as ResourceDefinition),
    items.map((item) => item.object as T),
    (object) => columns.map((column) => column.cell(object, options.now)),
    {
      ...(options.includeObject && { includeObject: options.includeObject }),
      ...(options.metadata && { metadata: options.metadata }),
      ...(options.noHeaders && { noHeaders: true }),
      ...(options.groupVersion && { groupVersion: options.groupVersion }),
    },
  );
}
