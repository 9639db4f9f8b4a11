import type { UserInfo } from './admission.js';

/** What is asked of the authorizer (authorization.k8s.io/v1 ResourceAttributes / NonResourceAttributes). */
export type AuthorizationAttributes =
  | {
      user: UserInfo;
      verb: string;
      group: string;
      version?: string;
      resource: string;
      subresource?: string;
      namespace?: string;
      name?: string;
    }
  | { user: UserInfo; verb: string; path: string };

export interface AuthorizationDecision {
  allowed: boolean;
  denied?: boolean;
  reason?: string;
}

/** authorization.k8s.io/v1 ResourceRule and NonResourceRule, as SelfSubjectRulesReview lists them. */
export interface ResourceRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
}

export interface NonResourceRule {
  verbs: string[];
  nonResourceURLs: string[];
}

export interface RulesDecision {
  resourceRules: ResourceRule[];
  nonResourceRules: NonResourceRule[];
  incomplete: boolean;
  evaluationError?: string;
}

/** Decides what a user may do (k8s.io/apiserver authorizer.Authorizer and RuleResolver). */
export interface Authorizer {
  authorize(attributes: AuthorizationAttributes): AuthorizationDecision | Promise<AuthorizationDecision>;
  rulesFor(user: UserInfo, namespace: string): RulesDecision | Promise<RulesDecision>;
}

/**
 * The authorizer of a server with authorization off (kube-apiserver's AlwaysAllow mode):
 * everything is allowed, and the rules say so with wildcards.
 */
export const alwaysAllow: Authorizer = {
  authorize: () => ({ allowed: true }),
  rulesFor: () => ({
    resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
    nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
    incomplete: false,
  }),
};

/** Who a request is when nothing authenticates it: the cluster admin, as with a kubeadm admin kubeconfig. */
export const DEFAULT_USER: UserInfo = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
