import {
  StatusError,
  newAlreadyExists,
  newBadRequest,
  newConflict,
  newContinueExpired,
  newNotFound,
  newServiceUnavailable,
  newTimeout,
  newTooManyRequests,
  newTooLargeResourceVersion,
  newTooOldResourceVersion,
  toStatusError,
} from '@kubekit/apimachinery';
import { isStorageError } from '@kubekit/store';
import type { ResourceDefinition } from './resource-definition.js';

/**
 * Turns a storage error into the API Status the real server answers with
 * (k8s.io/apiserver/pkg/registry/generic/registry: interpretGetError, interpretUpdateError, …).
 * Anything else passes through `toStatusError`.
 */
export function interpretStorageError(
  error: unknown,
  definition: Pick<ResourceDefinition, 'group' | 'resource'>,
  name: string,
  context: 'read' | 'continue' = 'read',
): StatusError {
  if (error instanceof StatusError) return error;
  if (!isStorageError(error)) return toStatusError(error);
  const resource = { group: definition.group, resource: definition.resource };
  switch (error.code) {
    case 'KeyNotFound':
      return newNotFound(resource, name);
    case 'KeyExists':
      return newAlreadyExists(resource, name);
    case 'ResourceVersionConflict':
    case 'PreconditionFailed':
      return newConflict(resource, name, error.message);
    case 'Expired':
      if (context === 'continue') return newContinueExpired(error.details.continue);
      return newTooOldResourceVersion(error.details.requested ?? '', error.details.oldest);
    case 'TooLargeResourceVersion':
      return newTooLargeResourceVersion(error.details.requested ?? '', error.details.current ?? '', 1);
    case 'InvalidContinue':
      return newBadRequest(`continue key is not valid: ${error.message}`);
    // k8s.io/apiserver passes etcd's own errors through as a 500 without a reason
    // (ErrorToAPIStatus), a request that ran out of time as the finisher's 504, and a reloading
    // cache as the cacher's 429 with Retry-After.
    case 'Internal':
      return new StatusError({ code: 500, message: error.message });
    case 'Timeout':
      return newTimeout(`request did not complete within requested timeout - ${error.message}`, 0);
    case 'Initializing':
      return newTooManyRequests(error.message, 1);
    case 'Unavailable':
      return newServiceUnavailable(error.message);
  }
}
