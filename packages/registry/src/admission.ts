import type { KubeObject } from './kube-object.js';
import { type MaybePromise, isPromiseLike } from './maybe-async.js';
import type { ResourceDefinition } from './resource-definition.js';

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE';

/** Who is asking (authentication.k8s.io/v1 UserInfo). */
export interface UserInfo {
  username: string;
  uid?: string;
  groups?: string[];
}

/** What an admission plugin is told about a write (k8s.io/apiserver admission.Attributes). */
export interface AdmissionAttributes {
  operation: AdmissionOperation;
  definition: ResourceDefinition;
  namespace: string | undefined;
  name: string;
  subresource: string | undefined;
  /** The object to be written: mutable in `admit`, read-only in `validate`. Absent on DELETE. */
  object: KubeObject | undefined;
  oldObject: Readonly<KubeObject> | undefined;
  dryRun: boolean;
  user: UserInfo | undefined;
}

/**
 * A step of the admission chain: `admit` may change the object (mutating admission), `validate`
 * may only refuse (validating admission). Throw a StatusError to refuse.
 */
export interface AdmissionPlugin {
  readonly name: string;
  admit?(attributes: AdmissionAttributes): void | Promise<void>;
  validate?(attributes: AdmissionAttributes): void | Promise<void>;
}

/**
 * Runs one phase of the chain in order. Synchronous while every plugin is (the built-in ones are,
 * except NamespaceLifecycle on a create), so an update's tryUpdate stays within one turn.
 */
export function runAdmission(
  plugins: readonly AdmissionPlugin[],
  phase: 'admit' | 'validate',
  attributes: AdmissionAttributes,
  from = 0,
): MaybePromise<void> {
  for (let i = from; i < plugins.length; i++) {
    const result = plugins[i]![phase]?.(attributes);
    if (isPromiseLike(result)) return Promise.resolve(result).then(() => runAdmission(plugins, phase, attributes, i + 1));
  }
}
