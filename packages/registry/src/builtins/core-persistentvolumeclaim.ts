import { type FieldError, fieldForbidden, fieldNotSupported, fieldRequired } from '@kubekit/apimachinery';
import { sameJson } from '@kubekit/store';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';
import { ACCESS_MODES, accessModesString } from './core-persistentvolume.js';
import { compareQuantities, parseQuantity, quantityString } from './quantity.js';

interface ClaimSpec {
  accessModes?: string[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeName?: string;
  storageClassName?: string;
  volumeAttributesClassName?: string;
  volumeMode?: string;
  [key: string]: unknown;
}

interface PersistentVolumeClaim extends KubeObject {
  spec?: ClaimSpec;
  status?: { phase?: string; accessModes?: string[]; capacity?: Record<string, string>; [key: string]: unknown };
}

/** ValidatePersistentVolumeClaimSpec: access modes and a storage request. */
function validateClaim(claim: PersistentVolumeClaim): FieldError[] {
  const spec = claim.spec ?? {};
  const errors: FieldError[] = [];
  if (!spec.accessModes?.length) errors.push(fieldRequired('spec.accessModes', 'at least 1 access mode is required'));
  for (const mode of spec.accessModes ?? []) {
    if (!ACCESS_MODES.includes(mode)) errors.push(fieldNotSupported('spec.accessModes', mode, ACCESS_MODES));
  }
  if (!spec.resources?.requests || !('storage' in spec.resources.requests)) errors.push(fieldRequired('spec.resources[storage]', ''));
  if (spec.volumeMode && !['Block', 'Filesystem'].includes(spec.volumeMode)) {
    errors.push(fieldNotSupported('spec.volumeMode', spec.volumeMode, ['Block', 'Filesystem']));
  }
  return errors;
}

/**
 * ValidatePersistentVolumeClaimUpdate: the spec is immutable but for the volume name (set once)
 * and, on a bound claim, the storage request and volumeAttributesClassName. The real message
 * ends with a diff, left out here.
 */
function validateClaimUpdate(claim: PersistentVolumeClaim, old: Readonly<PersistentVolumeClaim>): FieldError[] {
  const next: ClaimSpec = structuredClone(claim.spec ?? {});
  const previous: ClaimSpec = structuredClone(old.spec ?? {});
  if (!previous.volumeName) previous.volumeName = next.volumeName;
  const bound = claim.status?.phase === 'Bound';
  if (bound) {
    next.volumeAttributesClassName = previous.volumeAttributesClassName;
    if (next.resources?.requests) {
      const storage = previous.resources?.requests?.storage;
      if (storage === undefined) delete next.resources.requests.storage;
      else next.resources.requests.storage = storage;
    }
  }
  if (!sameJson(next, previous)) {
    return [fieldForbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims')];
  }
  const newSize = parseQuantity(claim.spec?.resources?.requests?.storage) ?? 0;
  const oldSize = parseQuantity(old.spec?.resources?.requests?.storage) ?? 0;
  const capacity = parseQuantity(old.status?.capacity?.storage) ?? 0;
  // RecoverVolumeExpansionFailure: a shrink is allowed while it stays above the actual capacity.
  if (compareQuantities(newSize, oldSize) < 0 && compareQuantities(newSize, capacity) <= 0) {
    return [fieldForbidden('spec.resources.requests.storage', 'field can not be less than status.capacity')];
  }
  return [];
}

function storageClass(claim: PersistentVolumeClaim): string {
  return claim.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? claim.spec?.storageClassName ?? '';
}

export const persistentVolumeClaims: ResourceDefinition<PersistentVolumeClaim> = {
  group: '',
  version: 'v1',
  kind: 'PersistentVolumeClaim',
  resource: 'persistentvolumeclaims',
  singular: 'persistentvolumeclaim',
  namespaced: true,
  shortNames: ['pvc'],
  statusSubresource: true,
  returnDeletedObject: true,
  columns: [
    { name: 'Status', type: 'string', description: 'phase represents the current phase of PersistentVolumeClaim.', cell: (c) => (c.metadata?.deletionTimestamp ? 'Terminating' : c.status?.phase ?? '') },
    { name: 'Volume', type: 'string', description: 'volumeName is the binding reference to the PersistentVolume backing this claim.', cell: (c) => c.spec?.volumeName ?? '' },
    { name: 'Capacity', type: 'string', description: 'capacity represents the actual resources of the underlying volume.', cell: (c) => (c.spec?.volumeName ? quantityString(c.status?.capacity?.storage) : '') },
    { name: 'Access Modes', type: 'string', description: 'accessModes contains the actual access modes the volume backing the PVC has.', cell: (c) => (c.spec?.volumeName ? accessModesString(c.status?.accessModes) : '') },
    { name: 'StorageClass', type: 'string', description: 'StorageClass of the pvc', cell: storageClass },
    { name: 'VolumeAttributesClass', type: 'string', description: 'VolumeAttributesClass of the pvc', cell: (c) => c.spec?.volumeAttributesClassName ?? '<unset>' },
    ageColumn,
    { name: 'VolumeMode', type: 'string', priority: 1, description: 'volumeMode defines what type of volume is required by the claim.', cell: (c) => c.spec?.volumeMode ?? '<unset>' },
  ],
  strategy: {
    defaults(claim) {
      (claim.spec ??= {}).volumeMode ??= 'Filesystem';
      // SetDefaults_PersistentVolumeClaim runs on every decode: a claim without a phase is Pending.
      claim.status = { ...claim.status, phase: claim.status?.phase || 'Pending' };
    },
    prepareForCreate(claim) {
      claim.status = { phase: 'Pending' };
    },
    validate: validateClaim,
    validateUpdate: validateClaimUpdate,
  },
};
