import { type FieldError, fieldNotSupported, fieldRequired } from '@kubekit/apimachinery';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';
import { formatTime } from '../object-meta.js';
import { quantityString } from './quantity.js';

interface PersistentVolume extends KubeObject {
  spec?: {
    capacity?: Record<string, string>;
    accessModes?: string[];
    persistentVolumeReclaimPolicy?: string;
    storageClassName?: string;
    volumeAttributesClassName?: string;
    volumeMode?: string;
    claimRef?: { namespace?: string; name?: string };
    [key: string]: unknown;
  };
  status?: { phase?: string; reason?: string; lastPhaseTransitionTime?: string };
}

export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

/** helper.GetAccessModesAsString: `RWO,ROX,RWX,RWOP`, in that order, each once. */
export function accessModesString(modes: readonly string[] | undefined): string {
  const present = new Set(modes ?? []);
  const short: [string, string][] = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ];
  return short.filter(([mode]) => present.has(mode)).map(([, text]) => text).join(',');
}

/** ValidatePersistentVolumeSpec: access modes, a storage capacity, one volume source. */
function validatePersistentVolume(volume: PersistentVolume): FieldError[] {
  const spec = volume.spec ?? {};
  const errors: FieldError[] = [];
  if (!spec.accessModes?.length) errors.push(fieldRequired('spec.accessModes', ''));
  for (const mode of spec.accessModes ?? []) {
    if (!ACCESS_MODES.includes(mode)) errors.push(fieldNotSupported('spec.accessModes', mode, ACCESS_MODES));
  }
  const capacity = spec.capacity ?? {};
  if (Object.keys(capacity).length === 0) errors.push(fieldRequired('spec.capacity', ''));
  if (!('storage' in capacity) || Object.keys(capacity).length > 1) errors.push(fieldNotSupported('spec.capacity', capacity, ['storage']));
  const policies = ['Delete', 'Recycle', 'Retain'];
  if (spec.persistentVolumeReclaimPolicy && !policies.includes(spec.persistentVolumeReclaimPolicy)) {
    errors.push(fieldNotSupported('spec.persistentVolumeReclaimPolicy', spec.persistentVolumeReclaimPolicy, policies));
  }
  const known = new Set([
    'capacity', 'accessModes', 'persistentVolumeReclaimPolicy', 'storageClassName', 'volumeAttributesClassName',
    'volumeMode', 'claimRef', 'mountOptions', 'nodeAffinity',
  ]);
  if (!Object.keys(spec).some((key) => !known.has(key))) errors.push(fieldRequired('spec', 'must specify a volume type'));
  return errors;
}

export const persistentVolumes: ResourceDefinition<PersistentVolume> = {
  group: '',
  version: 'v1',
  kind: 'PersistentVolume',
  resource: 'persistentvolumes',
  singular: 'persistentvolume',
  namespaced: false,
  shortNames: ['pv'],
  statusSubresource: true,
  returnDeletedObject: true,
  columns: [
    { name: 'Capacity', type: 'string', description: "capacity is the description of the persistent volume's resources and capacity.", cell: (pv) => quantityString(pv.spec?.capacity?.storage) },
    { name: 'Access Modes', type: 'string', description: 'accessModes contains all ways the volume can be mounted.', cell: (pv) => accessModesString(pv.spec?.accessModes) },
    { name: 'Reclaim Policy', type: 'string', description: 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.', cell: (pv) => pv.spec?.persistentVolumeReclaimPolicy ?? '' },
    { name: 'Status', type: 'string', description: 'phase indicates if a volume is available, bound to a claim, or released by a claim.', cell: (pv) => (pv.metadata?.deletionTimestamp ? 'Terminating' : pv.status?.phase ?? '') },
    {
      name: 'Claim',
      type: 'string',
      description: 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.',
      cell: (pv) => (pv.spec?.claimRef ? `${pv.spec.claimRef.namespace ?? ''}/${pv.spec.claimRef.name ?? ''}` : ''),
    },
    {
      name: 'StorageClass',
      type: 'string',
      description: 'StorageClass of the pv',
      cell: (pv) => pv.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pv.spec?.storageClassName ?? '',
    },
    { name: 'VolumeAttributesClass', type: 'string', description: 'VolumeAttributesClass of the pv', cell: (pv) => pv.spec?.volumeAttributesClassName ?? '<unset>' },
    { name: 'Reason', type: 'string', description: 'reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.', cell: (pv) => pv.status?.reason ?? '' },
    ageColumn,
    { name: 'VolumeMode', type: 'string', priority: 1, description: 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.', cell: (pv) => pv.spec?.volumeMode ?? '<unset>' },
  ],
  strategy: {
    defaults(volume) {
      const spec = (volume.spec ??= {});
      spec.persistentVolumeReclaimPolicy ||= 'Retain';
      spec.volumeMode ??= 'Filesystem';
      // SetDefaults_PersistentVolume runs on every decode: a volume without a phase is Pending.
      volume.status = { ...volume.status, phase: volume.status?.phase || 'Pending' };
    },
    prepareForCreate(volume, context) {
      // PersistentVolumeLastPhaseTransitionTime (GA): a new volume is Pending since now.
      volume.status = { phase: 'Pending', lastPhaseTransitionTime: formatTime(context.now) };
    },
    prepareForUpdate(volume, old, context) {
      if (context.subresource !== 'status' || !volume.status) return;
      // persistentvolumeStatusStrategy: the transition time follows the phase unless the client set it.
      const status = volume.status;
      const previous = old.status?.lastPhaseTransitionTime;
      if (status.phase === old.status?.phase) status.lastPhaseTransitionTime ??= previous;
      else if (!status.lastPhaseTransitionTime || status.lastPhaseTransitionTime === previous) status.lastPhaseTransitionTime = formatTime(context.now);
    },
    validate: validatePersistentVolume,
  },
};
