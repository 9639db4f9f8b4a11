import { type FieldError, type LabelSelector, fieldInvalid, fieldRequired } from '@kubekit/apimachinery';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { createdAtColumn } from './table-format.js';
import { validateLabelSelector } from './workload-validation.js';

interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Role extends KubeObject {
  rules?: PolicyRule[];
}

interface ClusterRole extends Role {
  aggregationRule?: { clusterRoleSelectors?: LabelSelector[] };
}

/** ValidatePolicyRule (pkg/apis/rbac/validation). */
function validateRule(rule: PolicyRule, namespaced: boolean, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!rule.verbs?.length) errors.push(fieldRequired(`${path}.verbs`, 'verbs must contain at least one value'));
  if (rule.nonResourceURLs?.length) {
    if (namespaced) errors.push(fieldInvalid(`${path}.nonResourceURLs`, rule.nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs'));
    if (rule.apiGroups?.length || rule.resources?.length || rule.resourceNames?.length) {
      errors.push(fieldInvalid(`${path}.nonResourceURLs`, rule.nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errors;
  }
  if (!rule.apiGroups?.length) errors.push(fieldRequired(`${path}.apiGroups`, 'resource rules must supply at least one api group'));
  if (!rule.resources?.length) errors.push(fieldRequired(`${path}.resources`, 'resource rules must supply at least one resource'));
  return errors;
}

function validateRules(rules: readonly PolicyRule[] | undefined, namespaced: boolean): FieldError[] {
  return (rules ?? []).flatMap((rule, i) => validateRule(rule, namespaced, `rules[${i}]`));
}

/** ValidateClusterRole: its rules, or an aggregation rule with at least one selector. */
function validateClusterRole(role: ClusterRole): FieldError[] {
  const errors = validateRules(role.rules, false);
  const aggregation = role.aggregationRule;
  if (aggregation) {
    if (!aggregation.clusterRoleSelectors?.length) {
      errors.push(fieldRequired('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    }
    (aggregation.clusterRoleSelectors ?? []).forEach((selector, i) => {
      errors.push(...validateLabelSelector(selector, `aggregationRule.clusterRoleSelectors[${i}]`));
    });
  }
  return errors;
}

// The RBAC storages have no printer (rest.NewDefaultTableConvertor): NAME and CREATED AT.
export const roles: ResourceDefinition<Role> = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'Role',
  resource: 'roles',
  singular: 'role',
  namespaced: true,
  nameRule: 'path-segment',
  columns: [createdAtColumn],
  strategy: { validate: (role) => validateRules(role.rules, true) },
};

export const clusterRoles: ResourceDefinition<ClusterRole> = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'ClusterRole',
  resource: 'clusterroles',
  singular: 'clusterrole',
  namespaced: false,
  nameRule: 'path-segment',
  columns: [createdAtColumn],
  strategy: { validate: validateClusterRole },
};
