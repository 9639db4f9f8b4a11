import { isStatusError } from '@kubekit/apimachinery';
import type { DeleteOptionsBody } from './delete-options.js';
import type { Pod } from './builtins/pod-types.js';
import type { ResourceStore } from './resource-store.js';

/** PodSpec's default terminationGracePeriodSeconds. */
const DEFAULT_GRACE_SECONDS = 30;

/**
 * The grace period a pod's deletion waits for its kubelet (pkg/registry/core/pod/strategy.go
 * CheckGracefulDelete): the request's `gracePeriodSeconds`, else the pod's own, but 0 (deleted at
 * once) for a pod on no node or one that has finished. A pod bound to a node that does not exist is
 * deleted at once too: no kubelet would ever confirm it, and the pod garbage collector removes such
 * orphans on a real cluster.
 */
export async function podGracePeriod(pod: Readonly<Pod>, body: DeleteOptionsBody, nodes: ResourceStore | undefined): Promise<number> {
  const nodeName = pod.spec?.nodeName;
  const phase = pod.status?.phase;
  if (!nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  const requested = body.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
  if (requested <= 0 || !nodes) return 0;
  try {
    await nodes.get(undefined, nodeName);
  } catch (error) {
    if (isStatusError(error, 'NotFound')) return 0;
    throw error;
  }
  return requested;
}
