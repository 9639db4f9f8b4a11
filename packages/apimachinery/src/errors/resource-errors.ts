import type { GroupKind, GroupResource, StatusCause } from '../meta.js';
import { aggregateFieldErrors, fieldErrorBody, type FieldError } from './field-error.js';
import { goQuote } from './go-format.js';
import { StatusError, qualifiedKind, qualifiedResource } from './status-error.js';

/*
 * Errors about one resource or object, worded as k8s.io/apimachinery/pkg/api/errors/errors.go
 * (v0.35) words them. Details name the resource (`kind: 'pods'`), as the real server's do.
 */

/** The text of a failed optimistic-lock update (k8s.io/apiserver registry/generic/registry/store.go). */
export const OPTIMISTIC_LOCK_ERROR_MSG = 'the object has been modified; please apply your changes to the latest version and try again';

function messageOf(error: Error | string): string {
  return typeof error === 'string' ? error : error.message;
}

function resourceDetails(resource: GroupResource, name: string) {
  return { group: resource.group, kind: resource.resource, name };
}

/** NewNotFound: 404 `pods "x" not found`, `deployments.apps "x" not found`. */
export function newNotFound(resource: GroupResource, name: string): StatusError {
  return new StatusError({
    code: 404,
    reason: 'NotFound',
    details: resourceDetails(resource, name),
    message: `${qualifiedResource(resource)} ${goQuote(name)} not found`,
  });
}

/** NewAlreadyExists: 409 `pods "x" already exists`. */
export function newAlreadyExists(resource: GroupResource, name: string): StatusError {
  return new StatusError({
    code: 409,
    reason: 'AlreadyExists',
    details: resourceDetails(resource, name),
    message: `${qualifiedResource(resource)} ${goQuote(name)} already exists`,
  });
}

/** NewGenerateNameConflict: 409 AlreadyExists when no unique name could be generated. */
export function newGenerateNameConflict(resource: GroupResource, name: string, retryAfterSeconds: number): StatusError {
  return new StatusError({
    code: 409,
    reason: 'AlreadyExists',
    details: { ...resourceDetails(resource, name), retryAfterSeconds },
    message: `${qualifiedResource(resource)} ${goQuote(name)} already exists, the server was not able to generate a unique name for the object`,
  });
}

/**
 * NewConflict: 409 `Operation cannot be fulfilled on pods "x": <err>`; pass
 * {@link OPTIMISTIC_LOCK_ERROR_MSG} for a stale resourceVersion.
 */
export function newConflict(resource: GroupResource, name: string, error: Error | string): StatusError {
  return new StatusError({
    code: 409,
    reason: 'Conflict',
    details: resourceDetails(resource, name),
    message: `Operation cannot be fulfilled on ${qualifiedResource(resource)} ${goQuote(name)}: ${messageOf(error)}`,
  });
}

/** NewApplyConflict: 409 Conflict with one cause per conflicting field manager. */
export function newApplyConflict(causes: StatusCause[], message: string): StatusError {
  return new StatusError({ code: 409, reason: 'Conflict', details: { causes }, message });
}

/**
 * NewForbidden: 403 `pods "x" is forbidden: <err>`; without a name `pods is forbidden: <err>`;
 * with no resource at all `forbidden: <err>`.
 */
export function newForbidden(resource: GroupResource, name: string, error: Error | string): StatusError {
  const reason = messageOf(error);
  let message: string;
  if (!resource.group && !resource.resource) message = `forbidden: ${reason}`;
  else if (!name) message = `${qualifiedResource(resource)} is forbidden: ${reason}`;
  else message = `${qualifiedResource(resource)} ${goQuote(name)} is forbidden: ${reason}`;
  return new StatusError({ code: 403, reason: 'Forbidden', details: resourceDetails(resource, name), message });
}

/** NewUnauthorized: 401, `not authorized` unless a reason is given. */
export function newUnauthorized(reason = ''): StatusError {
  return new StatusError({ code: 401, reason: 'Unauthorized', message: reason || 'not authorized' });
}

/**
 * NewInvalid: 422 `Pod "x" is invalid: spec.containers: Required value`; several errors are
 * aggregated as `[a, b]`, and each becomes a cause `{reason, message, field}`.
 */
export function newInvalid(kind: GroupKind, name: string, errors: readonly FieldError[]): StatusError {
  const aggregated = aggregateFieldErrors(errors);
  const subject = `${qualifiedKind(kind)} ${goQuote(name)} is invalid`;
  return new StatusError({
    code: 422,
    reason: 'Invalid',
    details: {
      group: kind.group,
      kind: kind.kind,
      name,
      causes: errors.map((error) => ({ reason: error.type, message: fieldErrorBody(error), field: error.field })),
    },
    message: aggregated === undefined ? subject : `${subject}: ${aggregated}`,
  });
}

/** NewMethodNotSupported: 405 `create is not supported on resources of kind "pods/log"`. */
export function newMethodNotSupported(resource: GroupResource, action: string): StatusError {
  return new StatusError({
    code: 405,
    reason: 'MethodNotAllowed',
    details: { group: resource.group, kind: resource.resource },
    message: `${action} is not supported on resources of kind ${goQuote(qualifiedResource(resource))}`,
  });
}

/** NewServerTimeout: 500 ServerTimeout, `The get operation against pods could not be completed at this time, please try again.` */
export function newServerTimeout(resource: GroupResource, operation: string, retryAfterSeconds: number): StatusError {
  return new StatusError({
    code: 500,
    reason: 'ServerTimeout',
    details: { group: resource.group, kind: resource.resource, name: operation, retryAfterSeconds },
    message: `The ${operation} operation against ${qualifiedResource(resource)} could not be completed at this time, please try again.`,
  });
}
