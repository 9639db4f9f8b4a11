import { fieldInvalid, fieldRequired } from '@kubekit/apimachinery';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';
import { validateImmutable } from './field-checks.js';

interface ControllerRevision extends KubeObject {
  data?: unknown;
  revision?: number;
}

/** The CONTROLLER column: the controlling owner as `<kind>.<group>/<name>` (printers.go). */
function controllerOf(revision: ControllerRevision): string {
  const owner = revision.metadata?.ownerReferences?.find((reference) => (reference as { controller?: boolean }).controller) as
    | { apiVersion?: string; kind?: string; name?: string }
    | undefined;
  if (!owner) return '<none>';
  const group = owner.apiVersion?.includes('/') ? owner.apiVersion.slice(0, owner.apiVersion.indexOf('/')) : '';
  return `${(owner.kind ?? '').toLowerCase()}${group ? `.${group}` : ''}/${owner.name ?? ''}`;
}

/**
 * apps/v1 ControllerRevisions: the template history StatefulSets and DaemonSets keep (what
 * `kubectl rollout history` and `undo` read). `data` may not change once written (ValidateControllerRevisionUpdate).
 */
export const controllerRevisions: ResourceDefinition<ControllerRevision> = {
  group: 'apps',
  version: 'v1',
  kind: 'ControllerRevision',
  resource: 'controllerrevisions',
  singular: 'controllerrevision',
  namespaced: true,
  columns: [
    { name: 'Controller', type: 'string', description: 'Controller of the object', cell: controllerOf },
    { name: 'Revision', type: 'integer', description: 'Revision indicates the revision of the state represented by Data.', cell: (revision) => revision.revision ?? 0 },
    ageColumn,
  ],
  strategy: {
    validate(revision) {
      if (revision.data === undefined || revision.data === null) return [fieldRequired('data', '')];
      return (revision.revision ?? 0) < 0 ? [fieldInvalid('revision', revision.revision, 'must be greater than or equal to 0')] : [];
    },
    validateUpdate: (revision, old) => validateImmutable(revision.data, old.data, 'data'),
  },
};
