import { translateTimestampSince } from '@kubekit/apimachinery';
import type { StoredItem } from '@kubekit/store';
import type { KubeObject } from './kube-object.js';
import type { ResourceDefinition, TableColumn } from './resource-definition.js';

/** The AGE column every kind prints (k8s.io/kubernetes/pkg/printers: translateTimestampSince). */
export const ageColumn: TableColumn = {
  name: 'Age',
  type: 'string',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
  cell: (object, now) => translateTimestampSince(object.metadata?.creationTimestamp, now),
};

const nameColumn: TableColumn = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description:
    'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  cell: (object) => object.metadata?.name ?? '',
};

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface TableRow {
  cells: unknown[];
  object?: unknown;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

function columnsOf<T extends KubeObject>(definition: ResourceDefinition<T>): TableColumn<T>[] {
  return [nameColumn as TableColumn<T>, ...(definition.columns ?? [ageColumn as TableColumn<T>])];
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

function rowObject(object: Readonly<KubeObject>, includeObject: IncludeObject): unknown {
  if (includeObject === 'None') return undefined;
  if (includeObject === 'Object') return object;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata ?? {} };
}

/**
 * The server-side printing of `kubectl get` (API Concepts, "Receiving resources as Tables"):
 * one row per object with the kind's columns, and the object itself as `includeObject` asks
 * (PartialObjectMetadata by default).
 */
export function convertToTable<T extends KubeObject>(
  definition: ResourceDefinition<T>,
  items: readonly StoredItem<T>[],
  options: { now: number; includeObject?: IncludeObject; metadata?: Table['metadata']; withColumns?: boolean },
): Table {
  const columns = columnsOf(definition);
  const includeObject = options.includeObject ?? 'Metadata';
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: options.metadata ?? {},
    columnDefinitions: options.withColumns === false ? [] : tableColumnDefinitions(definition as ResourceDefinition),
    rows: items.map(({ object }) => {
      const row: TableRow = { cells: columns.map((column) => column.cell(object, options.now)) };
      const embedded = rowObject(object, includeObject);
      if (embedded !== undefined) row.object = embedded;
      return row;
    }),
  };
}
