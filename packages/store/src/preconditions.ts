import { preconditionFailed } from './errors.js';
import type { Preconditions, StoredObject } from './storage.js';

/** k8s.io/apiserver storage.Preconditions.Check: UID first, then resourceVersion. */
export function checkPreconditions(key: string, preconditions: Preconditions | undefined, object: Readonly<StoredObject>): void {
  if (preconditions === undefined) return;
  const uid = object.metadata?.uid ?? '';
  if (preconditions.uid !== undefined && preconditions.uid !== uid) {
    throw preconditionFailed(key, 'UID', preconditions.uid, uid);
  }
  const resourceVersion = object.metadata?.resourceVersion ?? '';
  if (preconditions.resourceVersion !== undefined && preconditions.resourceVersion !== resourceVersion) {
    throw preconditionFailed(key, 'ResourceVersion', preconditions.resourceVersion, resourceVersion);
  }
}
