import { goFormatNumber, goJsonMarshal, goQuote } from './go-format.js';
import type { FieldPathLike } from './field-path.js';

/**
 * Field-level validation errors, worded as k8s.io/apimachinery/pkg/util/validation/field
 * (errors.go, v0.35) words them. `type` becomes the `reason` of a Status cause.
 */
export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

export interface FieldError {
  type: FieldErrorType;
  /** The printed field path, e.g. `spec.containers[0].image`. */
  field: string;
  /** The offending value, printed as Go prints it (`%q` for strings, JSON for objects). */
  badValue: unknown;
  detail: string;
}

/** A bad value that is not printed at all (field.TooMany with an unknown quantity). */
export const OMIT_VALUE: unique symbol = Symbol('omitValue');

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

const WITHOUT_VALUE = new Set<FieldErrorType>(['FieldValueRequired', 'FieldValueForbidden', 'FieldValueTooLong', 'InternalError']);

function make(type: FieldErrorType, path: FieldPathLike, badValue: unknown, detail: string): FieldError {
  return { type, field: String(path), badValue, detail };
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goFormatNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return value.toString();
  return goJsonMarshal(value);
}

/** field.Error.ErrorBody: the message without the field, e.g. `Invalid value: "x": must be …`. */
export function fieldErrorBody(error: FieldError): string {
  const text = TYPE_TEXT[error.type];
  let body: string;
  if (WITHOUT_VALUE.has(error.type) || error.badValue === OMIT_VALUE) body = text;
  else body = `${text}: ${formatValue(error.badValue)}`;
  return error.detail ? `${body}: ${error.detail}` : body;
}

/** field.Error.Error: `spec.replicas: Invalid value: -1: must be greater than or equal to 0`. */
export function fieldErrorMessage(error: FieldError): string {
  return `${error.field}: ${fieldErrorBody(error)}`;
}

/**
 * field.ErrorList.ToAggregate().Error(): duplicates dropped, one error as is, several as
 * `[a, b]`; `undefined` for none.
 */
export function aggregateFieldErrors(errors: readonly FieldError[]): string | undefined {
  const messages = [...new Set(errors.map(fieldErrorMessage))];
  if (messages.length === 0) return undefined;
  if (messages.length === 1) return messages[0];
  return `[${messages.join(', ')}]`;
}

/** field.Required: `metadata.name: Required value: name or generateName is required`. */
export function fieldRequired(path: FieldPathLike, detail = ''): FieldError {
  return make('FieldValueRequired', path, '', detail);
}

/** field.Invalid: `metadata.name: Invalid value: "Bad_Name": <detail>`. */
export function fieldInvalid(path: FieldPathLike, value: unknown, detail = ''): FieldError {
  return make('FieldValueInvalid', path, value, detail);
}

/** field.NotSupported: `spec.restartPolicy: Unsupported value: "x": supported values: "Always", "Never"`. */
export function fieldNotSupported(path: FieldPathLike, value: unknown, validValues: readonly string[] = []): FieldError {
  const detail = validValues.length > 0 ? `supported values: ${validValues.map(goQuote).join(', ')}` : '';
  return make('FieldValueNotSupported', path, value, detail);
}

/** field.Duplicate: `spec.ports[1]: Duplicate value: 80`. */
export function fieldDuplicate(path: FieldPathLike, value: unknown): FieldError {
  return make('FieldValueDuplicate', path, value, '');
}

/** field.Forbidden: `spec: Forbidden: <detail>`. */
export function fieldForbidden(path: FieldPathLike, detail = ''): FieldError {
  return make('FieldValueForbidden', path, '', detail);
}

/** field.TooLong: `metadata.annotations: Too long: may not be more than 262144 bytes` (the value is never printed). */
export function fieldTooLong(path: FieldPathLike, _value: unknown, maxLength: number): FieldError {
  const unit = maxLength === 1 ? 'byte' : 'bytes';
  const detail = maxLength >= 0 ? `may not be more than ${maxLength} ${unit}` : 'value is too long';
  return make('FieldValueTooLong', path, '<value omitted>', detail);
}

/** field.TooMany: `spec.items: Too many: 5: must have at most 3 items`. A negative quantity is not printed. */
export function fieldTooMany(path: FieldPathLike, actualQuantity: number, maxQuantity: number): FieldError {
  const unit = maxQuantity === 1 ? 'item' : 'items';
  const detail = maxQuantity >= 0 ? `must have at most ${maxQuantity} ${unit}` : 'has too many items';
  return make('FieldValueTooMany', path, actualQuantity >= 0 ? actualQuantity : OMIT_VALUE, detail);
}

/** field.NotFound: `spec.volumes[0].name: Not found: "data"`. */
export function fieldNotFound(path: FieldPathLike, value: unknown): FieldError {
  return make('FieldValueNotFound', path, value, '');
}

/** field.TypeInvalid: `spec.replicas: Invalid value: "x": <detail>` (cause FieldValueTypeInvalid). */
export function fieldTypeInvalid(path: FieldPathLike, value: unknown, detail = ''): FieldError {
  return make('FieldValueTypeInvalid', path, value, detail);
}

/** field.InternalError: `spec: Internal error: <message>`. */
export function fieldInternalError(path: FieldPathLike, error: Error | string): FieldError {
  return make('InternalError', path, null, typeof error === 'string' ? error : error.message);
}
