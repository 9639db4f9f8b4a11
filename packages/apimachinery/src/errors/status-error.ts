import type { GroupKind, GroupResource, ListMeta, Status, StatusDetails, StatusReason } from '../meta.js';

/** The fields of a Status a constructor chooses; kind, apiVersion and metadata are filled in. */
export type StatusInit = Omit<Status, 'kind' | 'apiVersion' | 'metadata' | 'status'> & {
  status?: Status['status'];
  metadata?: ListMeta;
};

/**
 * An error the API server answers with: it carries the `metav1.Status` body, worded as
 * k8s.io/apimachinery/pkg/api/errors words it. `JSON.stringify(error)` gives that body.
 */
export class StatusError extends Error {
  override readonly name = 'StatusError';
  /** The Status body, in the field order the apiserver serializes it. */
  readonly status: Status;

  constructor(init: StatusInit) {
    super(init.message ?? '');
    const status: Status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: init.metadata ?? {},
      status: init.status ?? 'Failure',
    };
    if (init.message) status.message = init.message;
    if (init.reason) status.reason = init.reason;
    if (init.details) status.details = compactDetails(init.details);
    if (init.code) status.code = init.code;
    this.status = status;
  }

  /** The HTTP status code (500 when the body has none, as the apiserver's ErrorToAPIStatus does). */
  get code(): number {
    return this.status.code ?? 500;
  }

  get reason(): StatusReason {
    return this.status.reason ?? '';
  }

  toJSON(): Status {
    return this.status;
  }
}

/** Drops empty detail fields, as `omitempty` does; an all-empty details object stays `{}`. */
function compactDetails(details: StatusDetails): StatusDetails {
  const out: StatusDetails = {};
  if (details.name) out.name = details.name;
  if (details.group) out.group = details.group;
  if (details.kind) out.kind = details.kind;
  if (details.uid) out.uid = details.uid;
  if (details.causes && details.causes.length > 0) {
    out.causes = details.causes.map((cause) => {
      const compact: { reason?: string; message?: string; field?: string } = {};
      if (cause.reason) compact.reason = cause.reason;
      if (cause.message) compact.message = cause.message;
      if (cause.field) compact.field = cause.field;
      return compact;
    });
  }
  if (details.retryAfterSeconds) out.retryAfterSeconds = details.retryAfterSeconds;
  return out;
}

/** Whether `error` is a StatusError, optionally with the given reason. */
export function isStatusError(error: unknown, reason?: StatusReason): error is StatusError {
  return error instanceof StatusError && (reason === undefined || error.reason === reason);
}

/** schema.GroupResource.String(): `pods`, `deployments.apps`. */
export function qualifiedResource(resource: GroupResource): string {
  return resource.group ? `${resource.resource}.${resource.group}` : resource.resource;
}

/** schema.GroupKind.String(): `Pod`, `Deployment.apps`. */
export function qualifiedKind(kind: GroupKind): string {
  return kind.group ? `${kind.kind}.${kind.group}` : kind.kind;
}
