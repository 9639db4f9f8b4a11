import { type FieldError, fieldForbidden, fieldInvalid, fieldRequired, fieldTooLong } from '@kubekit/apimachinery';
import { sameJson } from '@kubekit/store';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';
import { MAX_DATA_SIZE } from './core-configmap.js';
import { isConfigMapKey, validateImmutable } from './field-checks.js';

interface Secret extends KubeObject {
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  immutable?: boolean;
}

const IMMUTABLE = 'field is immutable when `immutable` is set';

/** The keys each well-known type requires (ValidateSecret). */
function validateType(secret: Secret): FieldError[] {
  const data = secret.data ?? {};
  const missing = (key: string) => (key in data ? [] : [fieldRequired(`data[${key}]`, '')]);
  switch (secret.type) {
    case 'kubernetes.io/service-account-token':
      return secret.metadata?.annotations?.['kubernetes.io/service-account.name']
        ? []
        : [fieldRequired('metadata.annotations[kubernetes.io/service-account.name]', '')];
    case 'kubernetes.io/dockercfg':
      return missing('.dockercfg');
    case 'kubernetes.io/dockerconfigjson':
      return missing('.dockerconfigjson');
    case 'kubernetes.io/basic-auth':
      return 'username' in data || 'password' in data ? [] : [...missing('username'), ...missing('password')];
    case 'kubernetes.io/ssh-auth':
      return data['ssh-privatekey'] ? [] : [fieldRequired('data[ssh-privatekey]', '')];
    case 'kubernetes.io/tls':
      return [...missing('tls.crt'), ...missing('tls.key')];
    default:
      return [];
  }
}

/** ValidateSecret: keys, total size (1 MiB) and the keys of well-known types. */
function validateSecret(secret: Secret): FieldError[] {
  const errors: FieldError[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(secret.data ?? {})) {
    for (const message of isConfigMapKey(key)) errors.push(fieldInvalid(`data[${key}]`, key, message));
    size += Buffer.from(value, 'base64').length;
  }
  if (size > MAX_DATA_SIZE) errors.push(fieldTooLong('data', '', MAX_DATA_SIZE));
  return [...errors, ...validateType(secret)];
}

/** ValidateSecretUpdate: the type never changes; an immutable Secret keeps its data. */
function validateSecretUpdate(secret: Secret, old: Readonly<Secret>): FieldError[] {
  const errors = validateImmutable(secret.type, old.type, 'type');
  if (old.immutable === true) {
    if (secret.immutable !== true) errors.push(fieldForbidden('immutable', IMMUTABLE));
    if (!sameJson(secret.data, old.data)) errors.push(fieldForbidden('data', IMMUTABLE));
  }
  return errors;
}

export const secrets: ResourceDefinition<Secret> = {
  group: '',
  version: 'v1',
  kind: 'Secret',
  resource: 'secrets',
  singular: 'secret',
  namespaced: true,
  fieldSelectors: { type: (secret) => secret.type ?? '' },
  columns: [
    { name: 'Type', type: 'string', description: 'Used to facilitate programmatic handling of secret data.', cell: (secret) => secret.type ?? '' },
    {
      name: 'Data',
      type: 'string',
      description:
        'Data contains the secret data. Each key must consist of alphanumeric characters, \'-\', \'_\' or \'.\'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here.',
      cell: (secret) => Object.keys(secret.data ?? {}).length,
    },
    ageColumn,
  ],
  strategy: {
    defaults(secret) {
      secret.type ||= 'Opaque';
      // The v1 conversion writes stringData into data (base64) and drops it; its keys win.
      if (secret.stringData) {
        secret.data ??= {};
        for (const [key, value] of Object.entries(secret.stringData)) secret.data[key] = Buffer.from(value).toString('base64');
        delete secret.stringData;
      }
    },
    validate: validateSecret,
    validateUpdate: validateSecretUpdate,
  },
};
