import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';

interface SelfSubjectReview extends KubeObject {
  status?: { userInfo: { username: string; uid?: string; groups?: string[] } };
}

/** SelfSubjectReview: who the server takes the requester to be (`kubectl auth whoami`). */
export const selfSubjectReviews: ResourceDefinition<SelfSubjectReview> = {
  group: 'authentication.k8s.io',
  version: 'v1',
  kind: 'SelfSubjectReview',
  resource: 'selfsubjectreviews',
  singular: 'selfsubjectreview',
  namespaced: false,
  verbs: ['create'],
  ephemeral: (object, { user }) => ({
    ...object,
    status: { userInfo: { username: user.username, ...(user.uid && { uid: user.uid }), groups: user.groups ?? [] } },
  }),
};
