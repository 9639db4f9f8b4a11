import { type FieldError, fieldInvalid } from '../errors/field-error.js';
import type { FieldPathLike } from '../errors/field-path.js';
import { byteLength, emptyError, maxLenBytesError, regexError } from './messages.js';

/*
 * Label key and value validators returning the real server's messages (empty when valid):
 * k8s.io/apimachinery/pkg/api/validate/content/kube.go and dns.go, and
 * pkg/apis/meta/v1/validation (v0.35). These count `bytes` where name validators count `characters`.
 */

const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_ERR = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE_ERR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_ERR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

export const LABEL_KEY_NAME_MAX_LENGTH = 63;
export const LABEL_VALUE_MAX_LENGTH = 63;

const labelKey = new RegExp(`^${LABEL_KEY_FMT}$`);
const labelValue = new RegExp(`^${LABEL_VALUE_FMT}$`);
const dns1123Subdomain = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);

/** content.IsDNS1123Subdomain, as a label key prefix is checked (`bytes`). */
function prefixErrors(prefix: string): string[] {
  const errors: string[] = [];
  if (byteLength(prefix) > 253) errors.push(maxLenBytesError(253));
  if (!dns1123Subdomain.test(prefix)) errors.push(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errors;
}

/**
 * IsQualifiedName / IsLabelKey: `[prefix/]name`, e.g. `app.kubernetes.io/name`. Used for label
 * keys, annotation keys (lower-cased first) and finalizer names.
 */
export function isQualifiedName(value: string): string[] {
  const errors: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0] ?? '';
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) errors.push(`prefix part ${emptyError()}`);
    else errors.push(...prefixErrors(prefix).map((message) => `prefix part ${message}`));
  } else {
    return [
      `a valid label key ${regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errors.push(`name part ${emptyError()}`);
  else if (byteLength(name) > LABEL_KEY_NAME_MAX_LENGTH) errors.push(`name part ${maxLenBytesError(LABEL_KEY_NAME_MAX_LENGTH)}`);
  if (!labelKey.test(name)) errors.push(`name part ${regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errors;
}

/** IsLabelKey: the same rule as {@link isQualifiedName}. */
export const isLabelKey = isQualifiedName;

/** IsValidLabelValue: empty, or up to 63 alphanumerics, '-', '_' and '.', alphanumeric at both ends. */
export function isValidLabelValue(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > LABEL_VALUE_MAX_LENGTH) errors.push(maxLenBytesError(LABEL_VALUE_MAX_LENGTH));
  if (!labelValue.test(value)) errors.push(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errors;
}

/** metav1 validation.ValidateLabelName: one field error per message, at `path`. */
export function validateLabelName(name: string, path: FieldPathLike): FieldError[] {
  return isQualifiedName(name).map((message) => fieldInvalid(path, name, message));
}

/** metav1 validation.ValidateLabels: keys and values, all reported at `path` (e.g. `metadata.labels`). */
export function validateLabels(labels: Record<string, string>, path: FieldPathLike): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels)) {
    errors.push(...validateLabelName(key, path));
    for (const message of isValidLabelValue(value)) errors.push(fieldInvalid(path, value, message));
  }
  return errors;
}
