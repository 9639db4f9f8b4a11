import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';

interface Namespace extends KubeObject {
  spec?: { finalizers?: string[] };
  status?: { phase?: string };
}

export const namespaces: ResourceDefinition<Namespace> = {
  group: '',
  version: 'v1',
  kind: 'Namespace',
  resource: 'namespaces',
  singular: 'namespace',
  namespaced: false,
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
      // The namespace controller's finalizer, and the automatic name label (NamespaceDefaultLabelName).
      namespace.spec = { finalizers: ['kubernetes'], ...namespace.spec };
      const meta = (namespace.metadata ??= {});
      if (meta.name) meta.labels = { ...meta.labels, 'kubernetes.io/metadata.name': meta.name };
    },
    prepareForCreate(namespace) {
      namespace.status = { phase: 'Active' };
    },
  },
};
