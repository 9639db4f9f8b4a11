import { type LabelSelector, METADATA_CREATION_TIMESTAMP_DESCRIPTION, labelSelectorFromMeta } from '@kubekit/apimachinery';
import type { KubeObject } from '../kube-object.js';
import type { TableColumn } from '../resource-definition.js';

/*
 * Cell formatting shared by the kinds' columns, as k8s.io/kubernetes/pkg/printers/internalversion
 * prints them.
 */

/** Go's byte-wise string order (the same as UTF-16 order for the ASCII of keys and names). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** labels.FormatLabels: `a=1,b=2` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const entries = Object.entries(labels ?? {}).sort(([a], [b]) => compareStrings(a, b));
  return entries.length === 0 ? '<none>' : entries.map(([key, value]) => `${key}=${value}`).join(',');
}

/** selector.String() of a metav1.LabelSelector (printDeployment): `''` when empty, `<invalid>` when it does not parse. */
export function selectorString(selector: LabelSelector | undefined): string {
  try {
    return labelSelectorFromMeta(selector).toString();
  } catch {
    return '<invalid>';
  }
}

interface ContainerLike {
  name?: string;
  image?: string;
}

/** layoutContainerCells: the CONTAINERS and IMAGES cells, comma-joined. */
function containerCells(containers: readonly ContainerLike[] | undefined): { names: string; images: string } {
  const list = containers ?? [];
  return { names: list.map((c) => c.name ?? '').join(','), images: list.map((c) => c.image ?? '').join(',') };
}

/** The `-o wide` CONTAINERS and IMAGES columns of every workload kind. */
export function containerColumns<T extends KubeObject>(containersOf: (object: T) => readonly ContainerLike[] | undefined): TableColumn<T>[] {
  return [
    {
      name: 'Containers',
      type: 'string',
      priority: 1,
      description: 'Names of each container in the template.',
      cell: (object) => containerCells(containersOf(object)).names,
    },
    {
      name: 'Images',
      type: 'string',
      priority: 1,
      description: 'Images referenced by each container in the template.',
      cell: (object) => containerCells(containersOf(object)).images,
    },
  ];
}

/**
 * The columns of rest.NewDefaultTableConvertor (k8s.io/apiserver/pkg/registry/rest/table.go), for
 * kinds without a printer (Role, ClusterRole, LimitRange): CREATED AT as RFC 3339 in UTC.
 */
export const createdAtColumn: TableColumn = {
  name: 'Created At',
  type: 'date',
  description: METADATA_CREATION_TIMESTAMP_DESCRIPTION,
  cell: (object) => {
    const at = Date.parse(object.metadata?.creationTimestamp ?? '');
    // A zero metav1.Time formats as Go's zero time.
    return Number.isNaN(at) ? '0001-01-01T00:00:00Z' : new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
  },
};
