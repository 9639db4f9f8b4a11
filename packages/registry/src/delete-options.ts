import { type FieldError, fieldInvalid, fieldNotSupported, newInvalid } from '@kubekit/apimachinery';

/** meta/v1 DeleteOptions as a DELETE body (or query) carries it. */
export interface DeleteOptionsBody {
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  orphanDependents?: boolean;
  propagationPolicy?: string;
  dryRun?: string[];
}

const PROPAGATION_POLICIES = ['Foreground', 'Background', 'Orphan'];

/** k8s.io/apimachinery/pkg/apis/meta/v1/validation ValidateDeleteOptions. */
export function checkDeleteOptions(options: DeleteOptionsBody): void {
  const errors: FieldError[] = [];
  if (options.orphanDependents !== undefined && options.propagationPolicy !== undefined) {
    errors.push(
      fieldInvalid('propagationPolicy', options.propagationPolicy, 'orphanDependents and deletionPropagation cannot be both set'),
    );
  }
  if (options.propagationPolicy !== undefined && !PROPAGATION_POLICIES.includes(options.propagationPolicy)) {
    errors.push(fieldNotSupported('propagationPolicy', options.propagationPolicy, [...PROPAGATION_POLICIES, 'nil']));
  }
  for (const value of options.dryRun ?? []) {
    if (value !== 'All') errors.push(fieldNotSupported('dryRun', value, ['All']));
  }
  if (errors.length > 0) throw newInvalid({ group: 'meta.k8s.io', kind: 'DeleteOptions' }, '', errors);
}
