import { type FieldError, fieldInvalid } from '@kubekit/apimachinery';
import type { UserInfo } from '../admission.js';
import type { AuthorizationAttributes, Authorizer } from '../authorizer.js';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';

interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

interface NonResourceAttributes {
  path?: string;
  verb?: string;
}

interface AccessReviewSpec {
  resourceAttributes?: ResourceAttributes;
  nonResourceAttributes?: NonResourceAttributes;
  user?: string;
  groups?: string[];
  uid?: string;
}

interface AccessReview extends KubeObject {
  spec?: AccessReviewSpec;
  status?: { allowed: boolean; denied?: boolean; reason?: string };
}

interface RulesReview extends KubeObject {
  spec?: { namespace?: string };
  status?: unknown;
}

const GROUP = 'authorization.k8s.io';

/** authorization/validation: a review names exactly one kind of attributes. */
function validateAttributes(spec: AccessReviewSpec | undefined): FieldError[] {
  const both = Boolean(spec?.resourceAttributes) === Boolean(spec?.nonResourceAttributes);
  if (!both) return [];
  return [fieldInvalid('spec.resourceAttributes', spec?.resourceAttributes ?? null, 'exactly one of nonResourceAttributes or resourceAttributes must be specified')];
}

function attributesOf(spec: AccessReviewSpec, user: UserInfo): AuthorizationAttributes {
  const resource = spec.resourceAttributes;
  if (resource) {
    return {
      user,
      verb: resource.verb ?? '',
      group: resource.group ?? '',
      resource: resource.resource ?? '',
      ...(resource.version && { version: resource.version }),
      ...(resource.subresource && { subresource: resource.subresource }),
      ...(resource.namespace && { namespace: resource.namespace }),
      ...(resource.name && { name: resource.name }),
    };
  }
  return { user, verb: spec.nonResourceAttributes?.verb ?? '', path: spec.nonResourceAttributes?.path ?? '' };
}

async function review(object: AccessReview, user: UserInfo, authorizer: Authorizer): Promise<AccessReview> {
  const decision = await authorizer.authorize(attributesOf(object.spec ?? {}, user));
  return {
    ...object,
    status: {
      allowed: decision.allowed,
      ...(decision.denied && { denied: true }),
      ...(decision.reason && { reason: decision.reason }),
    },
  };
}

const reviewDefinition = (kind: string, resource: string, namespaced: boolean) => ({
  group: GROUP,
  version: 'v1',
  kind,
  resource,
  singular: resource.slice(0, -1),
  namespaced,
  verbs: ['create'] as const,
});

/** SelfSubjectAccessReview: may the requesting user do this? (`kubectl auth can-i`) */
export const selfSubjectAccessReviews: ResourceDefinition<AccessReview> = {
  ...reviewDefinition('SelfSubjectAccessReview', 'selfsubjectaccessreviews', false),
  strategy: { validate: (object) => validateAttributes(object.spec) },
  ephemeral: (object, { user, authorizer }) => review(object, user, authorizer),
};

/** SubjectAccessReview: may the user named in the spec do this? */
export const subjectAccessReviews: ResourceDefinition<AccessReview> = {
  ...reviewDefinition('SubjectAccessReview', 'subjectaccessreviews', false),
  strategy: { validate: (object) => validateAttributes(object.spec) },
  ephemeral: (object, { authorizer }) => {
    const spec = object.spec ?? {};
    return review(object, { username: spec.user ?? '', ...(spec.uid && { uid: spec.uid }), groups: spec.groups ?? [] }, authorizer);
  },
};

/** LocalSubjectAccessReview: a SubjectAccessReview within one namespace. */
export const localSubjectAccessReviews: ResourceDefinition<AccessReview> = {
  ...subjectAccessReviews,
  ...reviewDefinition('LocalSubjectAccessReview', 'localsubjectaccessreviews', true),
};

/** SelfSubjectRulesReview: everything the requesting user may do in a namespace (`kubectl auth can-i --list`). */
export const selfSubjectRulesReviews: ResourceDefinition<RulesReview> = {
  ...reviewDefinition('SelfSubjectRulesReview', 'selfsubjectrulesreviews', false),
  ephemeral: async (object, { user, authorizer }) => ({
    ...object,
    status: await authorizer.rulesFor(user, object.spec?.namespace ?? ''),
  }),
};
