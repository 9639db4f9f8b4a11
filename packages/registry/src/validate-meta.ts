import {
  type FieldError,
  fieldInvalid,
  fieldRequired,
  fieldTooLong,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  validatePathSegmentName,
} from '@kubekit/apimachinery';
import type { KubeObject } from './kube-object.js';
import type { NameRule, ResourceDefinition } from './resource-definition.js';
import { ipAddressNameMessages } from './builtins/networking-ipaddress.js';

/** k8s.io/apimachinery/pkg/api/validation: annotations may hold at most 256 KiB in all. */
const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

function nameMessages(rule: NameRule, name: string, prefix: boolean): string[] {
  // A generateName prefix is validated with a trailing '-' removed (ValidateNameFunc prefix mode).
  const value = prefix ? maskTrailingDash(name) : name;
  switch (rule) {
    case 'dns1123-subdomain':
      return isDNS1123Subdomain(value);
    case 'dns1123-label':
      return isDNS1123Label(value);
    case 'dns1035-label':
      return isDNS1035Label(value);
    case 'path-segment':
      return validatePathSegmentName(name, prefix);
    case 'ip-address':
      return ipAddressNameMessages(name);
  }
}

function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

/** ValidateObjectMeta: name, generateName, namespace, labels and annotations. */
export function validateObjectMeta(definition: ResourceDefinition, object: KubeObject): FieldError[] {
  const meta = object.metadata ?? {};
  const rule = definition.nameRule ?? 'dns1123-subdomain';
  const errors: FieldError[] = [];
  if (meta.generateName) {
    for (const message of nameMessages(rule, meta.generateName, true)) {
      errors.push(fieldInvalid('metadata.generateName', meta.generateName, message));
    }
  }
  if (!meta.name) {
    errors.push(fieldRequired('metadata.name', 'name or generateName is required'));
  } else {
    for (const message of nameMessages(rule, meta.name, false)) errors.push(fieldInvalid('metadata.name', meta.name, message));
  }
  if (definition.namespaced) {
    if (!meta.namespace) errors.push(fieldRequired('metadata.namespace', ''));
    else for (const message of isDNS1123Label(meta.namespace)) errors.push(fieldInvalid('metadata.namespace', meta.namespace, message));
  }
  for (const [key, value] of Object.entries(meta.labels ?? {})) {
    for (const message of isQualifiedName(key)) errors.push(fieldInvalid('metadata.labels', key, message));
    for (const message of isValidLabelValue(String(value))) errors.push(fieldInvalid('metadata.labels', value, message));
  }
  let annotationBytes = 0;
  for (const [key, value] of Object.entries(meta.annotations ?? {})) {
    for (const message of isQualifiedName(key.toLowerCase())) errors.push(fieldInvalid('metadata.annotations', key, message));
    annotationBytes += Buffer.byteLength(key) + Buffer.byteLength(String(value));
  }
  if (annotationBytes > TOTAL_ANNOTATION_SIZE_LIMIT) {
    errors.push(fieldTooLong('metadata.annotations', '', TOTAL_ANNOTATION_SIZE_LIMIT));
  }
  return errors;
}
