import { type FieldError, fieldInvalid, fieldNotSupported, fieldRequired, isDNS1123Subdomain, isValidPathSegmentName } from '@kubekit/apimachinery';
import { sameJson } from '@kubekit/store';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition, TableColumn } from '../resource-definition.js';
import { ageColumn } from '../table.js';

interface Subject {
  kind?: string;
  apiGroup?: string;
  name?: string;
  namespace?: string;
}

interface RoleBinding extends KubeObject {
  roleRef?: { apiGroup?: string; kind?: string; name?: string };
  subjects?: Subject[];
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** SetDefaults_RoleBinding and SetDefaults_Subject: the RBAC group for roleRef, users and groups. */
function defaultBinding(binding: RoleBinding): void {
  const roleRef = (binding.roleRef ??= {});
  roleRef.apiGroup ||= RBAC_GROUP;
  for (const subject of binding.subjects ?? []) {
    if (!subject.apiGroup && (subject.kind === 'User' || subject.kind === 'Group')) subject.apiGroup = RBAC_GROUP;
  }
}

/** ValidateRoleBindingSubject. */
function validateSubject(subject: Subject, namespaced: boolean, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!subject.name) errors.push(fieldRequired(`${path}.name`, ''));
  switch (subject.kind) {
    case 'ServiceAccount':
      if (subject.name) for (const message of isDNS1123Subdomain(subject.name)) errors.push(fieldInvalid(`${path}.name`, subject.name, message));
      if (subject.apiGroup) errors.push(fieldNotSupported(`${path}.apiGroup`, subject.apiGroup, ['']));
      if (!namespaced && !subject.namespace) errors.push(fieldRequired(`${path}.namespace`, ''));
      break;
    case 'User':
    case 'Group':
      if (subject.apiGroup !== RBAC_GROUP) errors.push(fieldNotSupported(`${path}.apiGroup`, subject.apiGroup ?? '', [RBAC_GROUP]));
      break;
    default:
      errors.push(fieldNotSupported(`${path}.kind`, subject.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errors;
}

/** ValidateRoleBinding / ValidateClusterRoleBinding: a roleRef to an RBAC role, valid subjects. */
function validateBinding(binding: RoleBinding, kinds: string[], namespaced: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const roleRef = binding.roleRef ?? {};
  if (roleRef.apiGroup !== RBAC_GROUP) errors.push(fieldNotSupported('roleRef.apiGroup', roleRef.apiGroup ?? '', [RBAC_GROUP]));
  if (!kinds.includes(roleRef.kind ?? '')) errors.push(fieldNotSupported('roleRef.kind', roleRef.kind ?? '', kinds));
  if (!roleRef.name) errors.push(fieldRequired('roleRef.name', ''));
  else for (const message of isValidPathSegmentName(roleRef.name)) errors.push(fieldInvalid('roleRef.name', roleRef.name, message));
  (binding.subjects ?? []).forEach((subject, i) => errors.push(...validateSubject(subject, namespaced, `subjects[${i}]`)));
  return errors;
}

/** A binding's role never changes: `roleRef: Invalid value: …: cannot change roleRef`. */
function validateBindingUpdate(binding: RoleBinding, old: Readonly<RoleBinding>): FieldError[] {
  return sameJson(binding.roleRef, old.roleRef) ? [] : [fieldInvalid('roleRef', binding.roleRef ?? {}, 'cannot change roleRef')];
}

/** rbac.SubjectsStrings: users, groups and `namespace/name` service accounts. */
function subjects(binding: RoleBinding, kind: string): string {
  return (binding.subjects ?? [])
    .filter((s) => s.kind === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name ?? ''}` : s.name ?? ''))
    .join(', ');
}

function bindingColumns(what: string): TableColumn<RoleBinding>[] {
  return [
    {
      name: 'Role',
      type: 'string',
      description: 'RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.',
      cell: (b) => `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`,
    },
    ageColumn,
    { name: 'Users', type: 'string', priority: 1, description: `Users in the ${what}`, cell: (b) => subjects(b, 'User') },
    { name: 'Groups', type: 'string', priority: 1, description: `Groups in the ${what}`, cell: (b) => subjects(b, 'Group') },
    { name: 'ServiceAccounts', type: 'string', priority: 1, description: `ServiceAccounts in the ${what}`, cell: (b) => subjects(b, 'ServiceAccount') },
  ];
}

export const roleBindings: ResourceDefinition<RoleBinding> = {
  group: RBAC_GROUP,
  version: 'v1',
  kind: 'RoleBinding',
  resource: 'rolebindings',
  singular: 'rolebinding',
  namespaced: true,
  nameRule: 'path-segment',
  columns: bindingColumns('roleBinding'),
  strategy: {
    defaults: defaultBinding,
    validate: (binding) => validateBinding(binding, ['Role', 'ClusterRole'], true),
    validateUpdate: validateBindingUpdate,
  },
};

export const clusterRoleBindings: ResourceDefinition<RoleBinding> = {
  group: RBAC_GROUP,
  version: 'v1',
  kind: 'ClusterRoleBinding',
  resource: 'clusterrolebindings',
  singular: 'clusterrolebinding',
  namespaced: false,
  nameRule: 'path-segment',
  columns: bindingColumns('clusterRoleBinding'),
  strategy: {
    defaults: defaultBinding,
    validate: (binding) => validateBinding(binding, ['ClusterRole'], false),
    validateUpdate: validateBindingUpdate,
  },
};
