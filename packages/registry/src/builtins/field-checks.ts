import { sameJson } from '@kubekit/store';
import {
  type FieldError,
  fieldInvalid,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
} from '@kubekit/apimachinery';

/*
 * Small validators of k8s.io/kubernetes/pkg/apis/core/validation and
 * k8s.io/apimachinery/pkg/util/validation, with the real messages.
 */

/** ValidateNonnegativeField. */
export function validateNonnegative(value: number | undefined, path: string): FieldError[] {
  return value !== undefined && value < 0 ? [fieldInvalid(path, value, 'must be greater than or equal to 0')] : [];
}

/** ValidateDNS1123Label: one error per message. */
export function validateDNS1123Label(value: string, path: string): FieldError[] {
  return isDNS1123Label(value).map((message) => fieldInvalid(path, value, message));
}

/** ValidateDNS1123Subdomain: one error per message. */
export function validateDNS1123Subdomain(value: string, path: string): FieldError[] {
  return isDNS1123Subdomain(value).map((message) => fieldInvalid(path, value, message));
}

/** ValidateQualifiedName. */
export function validateQualifiedName(value: string, path: string): FieldError[] {
  return isQualifiedName(value).map((message) => fieldInvalid(path, value, message));
}

/** validation.IsValidPortNum: `must be between 1 and 65535, inclusive`. */
export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** validation.IsValidPortName: an IANA_SVC_NAME. */
export function isValidPortName(name: string): string[] {
  const errors: string[] = [];
  if (name.length > 15) errors.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errors.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errors.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errors.push('must not contain consecutive hyphens (-)');
  if (name.startsWith('-') || name.endsWith('-')) errors.push('must not begin or end with a hyphen (-)');
  return errors;
}

/** ValidatePortNumOrName: a number is a port, a string a port name. */
export function validatePortNumOrName(port: number | string | undefined, path: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((message) => fieldInvalid(path, port, message));
  if (typeof port === 'string') return isValidPortName(port).map((message) => fieldInvalid(path, port, message));
  return [];
}

/** validation.IsConfigMapKey: the keys of ConfigMap and Secret data. */
export function isConfigMapKey(key: string): string[] {
  const errors: string[] = [];
  if (key.length > 253) errors.push('must be no more than 253 characters');
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
    errors.push(
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    );
  }
  if (key === '.') errors.push("must not be '.'");
  else if (key === '..') errors.push("must not be '..'");
  else if (key.startsWith('..')) errors.push("must not start with '..'");
  return errors;
}

/** ValidateImmutableField: `field is immutable` with the new value. */
export function validateImmutable(next: unknown, old: unknown, path: string): FieldError[] {
  return sameJson(next, old) ? [] : [fieldInvalid(path, next ?? null, 'field is immutable')];
}
