import {
  StatusError,
  newAlreadyExists,
  newBadRequest,
  newConflict,
  newContinueExpired,
  newNotFound,
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
  }
}
