import type { Status } from '../meta.js';
import { newInternalError } from './request-errors.js';
import { StatusError } from './status-error.js';

function isStatusBody(value: unknown): value is Status {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Partial<Status>;
  return body.kind === 'Status' && (body.apiVersion === 'v1' || body.apiVersion === 'meta.k8s.io/v1');
}

/**
 * Normalises anything thrown into the error the API server answers with: a StatusError passes
 * through, a Status body is wrapped, and anything else becomes 500 InternalError
 * (`Internal error occurred: <message>`). Only an Error's message is used, never its stack;
 * a thrown non-Error says `unknown error`.
 */
export function toStatusError(error: unknown): StatusError {
  if (error instanceof StatusError) return error;
  if (isStatusBody(error)) {
    const { kind: _kind, apiVersion: _apiVersion, ...init } = error;
    return new StatusError(init);
  }
  if (error instanceof Error) return newInternalError(error.message);
  if (typeof error === 'string') return newInternalError(error);
  return newInternalError('unknown error');
}
