import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';

interface Namespace extends KubeObject {
  spec?: { finalizers?: string[] };
  status?: { phase?: string; conditions?: unknown[] };
}

export const namespaces: ResourceDefinition<Namespace> = {
  group: '',
  version: 'v1',
  kind: 'Namespace',
  resource: 'namespaces',
  singular: 'namespace',
  namespaced: false,
  // The namespace storage has no DeleteCollection.
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  shortNames: ['ns'],
  nameRule: 'dns1123-label',
  statusSubresource: true,
  returnDeletedObject: true,
  fieldSelectors: { 'status.phase': (namespace) => namespace.status?.phase ?? '' },
  columns: [
    { name: 'Status', type: 'string', description: 'The status of the namespace', cell: (namespace) => namespace.status?.phase ?? '' },
    ageColumn,
  ],
  strategy: {
    defaults(namespace) {
      // SetDefaults_Namespace: the automatic name label (kubernetes.io/metadata.name).
      const meta = (namespace.metadata ??= {});
      if (meta.name) meta.labels = { ...meta.labels, 'kubernetes.io/metadata.name': meta.name };
    },
    prepareForCreate(namespace) {
      // pkg/registry/core/namespace/strategy.go: a new namespace is Active and carries the
      // `kubernetes` finalizer (set here, not in defaults, so it can be removed later).
      namespace.status = { phase: 'Active' };
      const finalizers = namespace.spec?.finalizers ?? [];
      namespace.spec = { ...namespace.spec, finalizers: finalizers.includes('kubernetes') ? finalizers : [...finalizers, 'kubernetes'] };
    },
    prepareForUpdate(namespace, old) {
      // Finalizers change only through /finalize.
      const finalizers = old.spec?.finalizers;
      if (finalizers) namespace.spec = { ...namespace.spec, finalizers: [...finalizers] };
      else if (namespace.spec) delete namespace.spec.finalizers;
    },
  },
};
