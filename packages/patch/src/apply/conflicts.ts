import type { FieldSet } from './field-set.js';
import type { ManagerRecord } from './managed-fields.js';
import { pathString } from './path-element.js';

/** One field another manager owns and an apply would change. */
export interface ApplyConflict {
  /** The manager as conflict messages print it: `"alice"`, `"kubectl-edit" using v1`. */
  readonly manager: string;
  /** The field as `.spec.containers[name="nginx"].image`. */
  readonly field: string;
}

/** printManager: appliers by name (and subresource), updaters with the apiVersion they wrote. */
export function printManager(record: Pick<ManagerRecord, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  const name = JSON.stringify(record.manager);
  if (record.operation === 'Update') return `${name} using ${record.apiVersion}`;
  return record.subresource ? `${name} with subresource ${JSON.stringify(record.subresource)}` : name;
}

/** An apply that would change fields other managers own, without `force` (merge.Conflicts). */
export class ApplyConflictError extends Error {
  override readonly name = 'ApplyConflictError';
  constructor(readonly conflicts: readonly ApplyConflict[]) {
    super(conflictMessage(conflicts));
  }

  static of(owners: readonly (readonly [ManagerRecord, FieldSet])[]): ApplyConflictError {
    const sorted = [...owners].sort(([a], [b]) => (a.manager < b.manager ? -1 : a.manager > b.manager ? 1 : 0));
    const conflicts = sorted.flatMap(([record, fields]) =>
      fields.paths().map((path) => ({ manager: printManager(record), field: pathString(path) })),
    );
    return new ApplyConflictError(conflicts);
  }
}

/** getConflictMessage: one line for one conflict, else the fields grouped by manager. */
function conflictMessage(conflicts: readonly ApplyConflict[]): string {
  if (conflicts.length === 1) return `Apply failed with 1 conflict: conflict with ${conflicts[0]!.manager}: ${conflicts[0]!.field}`;
  const byManager = new Map<string, string[]>();
  for (const { manager, field } of conflicts) byManager.set(manager, [...(byManager.get(manager) ?? []), field]);
  const lines = [...byManager.keys()].sort().flatMap((manager) => [`conflicts with ${manager}:`, ...byManager.get(manager)!.map((field) => `- ${field}`)]);
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}
