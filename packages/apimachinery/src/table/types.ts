import type { KubeObject, ListMeta, ObjectMeta } from '../meta.js';

/*
 * meta.k8s.io/v1 Table and PartialObjectMetadata, as k8s.io/apimachinery/pkg/apis/meta/v1/types.go
 * (v0.35) declares them.
 */

/** The group versions that serve Table and PartialObjectMetadata. */
export type MetaGroupVersion = 'meta.k8s.io/v1' | 'meta.k8s.io/v1beta1';

/** A column: `type` is an OpenAPI type (`string`, `integer`, `number`, `boolean`, `date`), `format` e.g. `name`. */
export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  /** 0 for the default columns, higher for `-o wide` only. */
  priority: number;
}

/** A cell: what kubectl prints, or null. */
export type TableCell = string | number | boolean | null | Record<string, unknown> | unknown[];

export interface TableRowCondition {
  /** `Completed` is the only type defined today. */
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: MetaGroupVersion;
  metadata: ObjectMeta;
}

export interface PartialObjectMetadataList {
  kind: 'PartialObjectMetadataList';
  apiVersion: MetaGroupVersion;
  metadata: ListMeta;
  items: PartialObjectMetadata[];
}

export interface TableRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  /** The object (includeObject=Object), its metadata (Metadata, the default) or null (None). */
  object: KubeObject | PartialObjectMetadata | null;
}

export interface Table {
  kind: 'Table';
  apiVersion: MetaGroupVersion;
  metadata: ListMeta;
  /** null in watch events after the first, as the server sends them. */
  columnDefinitions: TableColumnDefinition[] | null;
  rows: TableRow[];
}

/** The `includeObject` query parameter: what each row embeds. */
export type IncludeObject = 'None' | 'Metadata' | 'Object';
