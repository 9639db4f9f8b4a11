import { type FieldError, METADATA_NAME_DESCRIPTION, fieldForbidden, fieldNotSupported, fieldRequired } from '@kubekit/apimachinery';
import { sameJson } from '@kubekit/store';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';
import { validateImmutable, validateQualifiedName } from './field-checks.js';

interface StorageClass extends KubeObject {
  provisioner?: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  allowVolumeExpansion?: boolean;
  mountOptions?: string[];
}

/** ValidateStorageClass: a provisioner, and known reclaim policy and binding mode. */
function validateStorageClass(storageClass: StorageClass): FieldError[] {
  const errors: FieldError[] = [];
  const provisioner = storageClass.provisioner ?? '';
  if (!provisioner) errors.push(fieldRequired('provisioner', provisioner));
  else errors.push(...validateQualifiedName(provisioner.toLowerCase(), 'provisioner'));
  const policy = storageClass.reclaimPolicy;
  if (policy && !['Delete', 'Retain'].includes(policy)) errors.push(fieldNotSupported('reclaimPolicy', policy, ['Delete', 'Retain']));
  const mode = storageClass.volumeBindingMode;
  if (!mode) errors.push(fieldRequired('volumeBindingMode', ''));
  else if (!['Immediate', 'WaitForFirstConsumer'].includes(mode)) errors.push(fieldNotSupported('volumeBindingMode', mode, ['Immediate', 'WaitForFirstConsumer']));
  return errors;
}

/** ValidateStorageClassUpdate: only the metadata, allowVolumeExpansion and mountOptions change. */
function validateStorageClassUpdate(storageClass: StorageClass, old: Readonly<StorageClass>): FieldError[] {
  const errors: FieldError[] = [];
  if (!sameJson(storageClass.parameters, old.parameters)) errors.push(fieldForbidden('parameters', 'updates to parameters are forbidden.'));
  if (storageClass.provisioner !== old.provisioner) errors.push(fieldForbidden('provisioner', 'updates to provisioner are forbidden.'));
  if (storageClass.reclaimPolicy !== old.reclaimPolicy) errors.push(fieldForbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  return [...errors, ...validateImmutable(storageClass.volumeBindingMode, old.volumeBindingMode, 'volumeBindingMode')];
}

const DEFAULT_CLASS_ANNOTATIONS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

function isDefaultClass(storageClass: KubeObject): boolean {
  return DEFAULT_CLASS_ANNOTATIONS.some((key) => storageClass.metadata?.annotations?.[key] === 'true');
}

export const storageClasses: ResourceDefinition<StorageClass> = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'StorageClass',
  resource: 'storageclasses',
  singular: 'storageclass',
  namespaced: false,
  shortNames: ['sc'],
  returnDeletedObject: true,
  // printStorageClass also marks the default class's NAME with ` (default)`, which needs its own NAME column.
  columns: [
    {
      name: 'Name',
      type: 'string',
      format: 'name',
      description: METADATA_NAME_DESCRIPTION,
      // printStorageClass marks the default class, from either the GA or the beta annotation.
      cell: (sc) => (isDefaultClass(sc) ? `${sc.metadata?.name ?? ''} (default)` : (sc.metadata?.name ?? '')),
    },
    { name: 'Provisioner', type: 'string', description: 'provisioner indicates the type of the provisioner.', cell: (sc) => sc.provisioner ?? '' },
    { name: 'ReclaimPolicy', type: 'string', description: 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class.', cell: (sc) => sc.reclaimPolicy ?? 'Delete' },
    { name: 'VolumeBindingMode', type: 'string', description: 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.', cell: (sc) => sc.volumeBindingMode ?? 'Immediate' },
    { name: 'AllowVolumeExpansion', type: 'string', description: 'allowVolumeExpansion shows whether the storage class allow volume expand.', cell: (sc) => sc.allowVolumeExpansion ?? false },
    ageColumn,
  ],
  strategy: {
    defaults(storageClass) {
      storageClass.reclaimPolicy ||= 'Delete';
      storageClass.volumeBindingMode ||= 'Immediate';
    },
    validate: validateStorageClass,
    validateUpdate: validateStorageClassUpdate,
  },
};
