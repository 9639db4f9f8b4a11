import { fieldRequired, newBadRequest, newConflict, newInvalid } from '@kubekit/apimachinery';
import type { ActionContext, ActionResult } from '../resource-definition.js';
import { formatTime } from '../object-meta.js';
import type { Pod } from './pod-types.js';

interface Binding {
  metadata?: { name?: string; annotations?: Record<string, string> };
  target?: { kind?: string; name?: string };
}

const bindingConflict = (name: string, message: string) => newConflict({ group: '', resource: 'pods/binding' }, name, message);

/**
 * POST pods/{name}/binding (core/v1 Binding): the scheduler's assignment of a pod to a node
 * (pkg/registry/core/pod/storage BindingREST). Sets `spec.nodeName`, copies the binding's
 * annotations and marks the pod `PodScheduled`; a pod already on a node, being deleted or still
 * gated is a 409 Conflict. Answers 201 with a success Status.
 */
export async function bindPod({ store, namespace, name, body, options, now }: ActionContext): Promise<ActionResult> {
  const binding = body as Binding;
  if (binding.metadata?.name !== undefined && binding.metadata.name !== name) throw newBadRequest('name in URL does not match name in Binding object');
  const node = binding.target?.name;
  if (!node) throw newInvalid({ group: '', kind: 'Binding' }, name, [fieldRequired('target.name')]);
  await store.update(
    namespace,
    name,
    (current) => {
      const pod = structuredClone(current) as Pod;
      if (pod.metadata?.deletionTimestamp) throw bindingConflict(name, `pod ${name} is being deleted, cannot be assigned to a host`);
      if (pod.spec?.nodeName) throw bindingConflict(name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
      if ((pod.spec?.schedulingGates as unknown[] | undefined)?.length) throw bindingConflict(name, `pod ${name} has non-empty .spec.schedulingGates`);
      (pod.spec ??= {}).nodeName = node;
      if (binding.metadata?.annotations) pod.metadata = { ...pod.metadata, annotations: { ...pod.metadata?.annotations, ...binding.metadata.annotations } };
      const status = (pod.status ??= {});
      const conditions = (status.conditions ?? []).filter((condition) => condition.type !== 'PodScheduled');
      status.conditions = [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: formatTime(now) }, ...conditions];
      return pod;
    },
    { ...options, subresource: 'binding' },
  );
  return { code: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
}
