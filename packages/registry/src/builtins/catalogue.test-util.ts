import type { KubeObject } from '../kube-object.js';
import { Registry } from '../registry.js';
import type { ResourceStore } from '../resource-store.js';
import { convertToTable } from '../table.js';

/** The fixed clock of the catalogue tests, so AGE cells are predictable. */
export const NOW = Date.parse('2026-01-01T12:00:00Z');

/** A fresh bootstrapped registry's store for one resource. */
export async function storeOf(group: string, resource: string, version = 'v1'): Promise<ResourceStore> {
  const registry = new Registry({ now: () => NOW });
  await registry.bootstrap();
  return registry.resource(group, version, resource)!;
}

/** One object's `kubectl get` row, as column name → cell. */
export function row(store: ResourceStore, object: KubeObject, now = NOW): Record<string, unknown> {
  const table = convertToTable(store.definition, [{ key: '', resourceVersion: 1, object, bytes: new Uint8Array() }], { now });
  return Object.fromEntries((table.columnDefinitions ?? []).map((column, i) => [column.name, table.rows[0]!.cells[i]]));
}
