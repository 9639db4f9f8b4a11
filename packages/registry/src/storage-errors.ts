import {
  StatusError,
  newAlreadyExists,
  newBadRequest,
  newConflict,
  newNotFound,
  newResourceExpired,
  newTimeout,
  toStatusError,
} from '@kubekit/apimachinery';
import { isStorageError } from '@kubekit/store';
import type { ResourceDefinition } from './resource-definition.js';

// API Concepts, "Retrieving large results sets in chunks": the real server's text for a
// continue token whose snapshot has been compacted away.
const CONTINUE_EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

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
      if (context === 'continue') return newResourceExpired(CONTINUE_EXPIRED);
      return newResourceExpired(`too old resource version: ${error.details.requested} (${error.details.oldest})`);
    case 'TooLargeResourceVersion':
      return newTimeout(`Too large resource version: ${error.details.requested}, current: ${error.details.current}`, 1);
    case 'InvalidContinue':
      return newBadRequest(`continue key is not valid: ${error.message}`);
  }
}
