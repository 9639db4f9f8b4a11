import { type FieldError, fieldForbidden, fieldInvalid, fieldTooLong } from '@kubekit/apimachinery';
import { sameJson } from '@kubekit/store';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';
import { isConfigMapKey } from './field-checks.js';

interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  immutable?: boolean;
}

/** core.MaxSecretSize: 1 MiB, for ConfigMaps and Secrets alike. */
export const MAX_DATA_SIZE = 1024 * 1024;

const IMMUTABLE = 'field is immutable when `immutable` is set';

/** ValidateConfigMap: keys, no key in both bags, at most 1 MiB. */
function validateConfigMap(configMap: ConfigMap): FieldError[] {
  const errors: FieldError[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(configMap.data ?? {})) {
    for (const message of isConfigMapKey(key)) errors.push(fieldInvalid(`data[${key}]`, key, message));
    if (configMap.binaryData && key in configMap.binaryData) {
      errors.push(fieldInvalid(`data[${key}]`, key, 'duplicate of key present in binaryData'));
    }
    size += Buffer.byteLength(value);
  }
  for (const [key, value] of Object.entries(configMap.binaryData ?? {})) {
    for (const message of isConfigMapKey(key)) errors.push(fieldInvalid(`binaryData[${key}]`, key, message));
    size += Buffer.from(value, 'base64').length;
  }
  // The empty path: the error is about the whole object.
  if (size > MAX_DATA_SIZE) errors.push(fieldTooLong('', configMap, MAX_DATA_SIZE));
  return errors;
}

/** ValidateConfigMapUpdate: an immutable ConfigMap keeps its data and stays immutable. */
function validateConfigMapUpdate(configMap: ConfigMap, old: Readonly<ConfigMap>): FieldError[] {
  if (old.immutable !== true) return [];
  const errors: FieldError[] = [];
  if (configMap.immutable !== true) errors.push(fieldForbidden('immutable', IMMUTABLE));
  if (!sameJson(configMap.data, old.data)) errors.push(fieldForbidden('data', IMMUTABLE));
  if (!sameJson(configMap.binaryData, old.binaryData)) errors.push(fieldForbidden('binaryData', IMMUTABLE));
  return errors;
}

export const configMaps: ResourceDefinition<ConfigMap> = {
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  resource: 'configmaps',
  singular: 'configmap',
  namespaced: true,
  shortNames: ['cm'],
  columns: [
    {
      name: 'Data',
      type: 'string',
      description:
        'Data contains the configuration data. Each key must consist of alphanumeric characters, \'-\', \'_\' or \'.\'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.',
      cell: (configMap) => Object.keys(configMap.data ?? {}).length + Object.keys(configMap.binaryData ?? {}).length,
    },
    ageColumn,
  ],
  strategy: {
    validate: validateConfigMap,
    validateUpdate: validateConfigMapUpdate,
  },
};
