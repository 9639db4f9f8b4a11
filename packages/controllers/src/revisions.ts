import type { Client } from '@kubekit/server';
import type { ControllerRevision, PodTemplateSpec } from '@kubekit/types';
import type { Informer } from './informer.js';
import { type Owned, controllerRef, isControlledBy } from './owners.js';

const FIELD_MANAGER = 'kube-controller-manager';
const HASH_LABEL = 'controller.kubernetes.io/hash';

export interface HistoryOwner extends Owned {
  spec?: { template?: PodTemplateSpec; selector?: { matchLabels?: Record<string, string> }; revisionHistoryLimit?: number };
}

/**
 * The template history of a StatefulSet or DaemonSet (pkg/controller/history): a ControllerRevision
 * `<owner>-<hash>` per template, numbered in order, whose data is the patch that brings the
 * template back (`kubectl rollout undo` applies it); going back to an old template renumbers its
 * revision as the newest; revisions past revisionHistoryLimit that no pod runs are deleted.
 */
export class ControllerHistory {
  constructor(
    private readonly client: Client,
    private readonly revisions: Informer<ControllerRevision>,
  ) {}

  /** Records the owner's current template; `inUse` are the revision names pods still run. */
  async record(owner: HistoryOwner, apiVersion: string, kind: string, hash: string, inUse: ReadonlySet<string>): Promise<void> {
    const namespace = owner.metadata?.namespace ?? '';
    const name = `${owner.metadata?.name}-${hash}`;
    const owned = this.revisions.list().filter((revision) => revision.metadata?.namespace === namespace && isControlledBy(revision, owner) && !revision.metadata?.deletionTimestamp);
    const newest = Math.max(0, ...owned.map((revision) => revision.revision ?? 0));
    const current = owned.find((revision) => revision.metadata?.name === name);
    const revisions = this.client.kind('apps/v1', 'ControllerRevision');
    if (!current) {
      const created = await revisions.create(
        {
          apiVersion: 'apps/v1',
          kind: 'ControllerRevision',
          metadata: { name, namespace, labels: { ...owner.spec?.selector?.matchLabels, [HASH_LABEL]: hash }, ownerReferences: [controllerRef(owner, apiVersion, kind)] },
          data: { spec: { template: { ...structuredClone(owner.spec?.template ?? {}), $patch: 'replace' } } },
          revision: newest + 1,
        },
        { namespace, fieldManager: FIELD_MANAGER },
      );
      this.revisions.assume(created);
    } else if ((current.revision ?? 0) < newest) {
      const renumbered = await revisions.update({ ...current, revision: newest + 1 }, { fieldManager: FIELD_MANAGER });
      this.revisions.assume(renumbered);
    }
    const limit = owner.spec?.revisionHistoryLimit ?? 10;
    const old = owned.filter((revision) => revision.metadata?.name !== name && !inUse.has(revision.metadata?.name ?? '')).sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
    for (const revision of old.slice(0, Math.max(0, old.length - limit))) {
      const removed = await revisions.delete(revision.metadata?.name ?? '', { namespace, fieldManager: FIELD_MANAGER });
      this.revisions.assumeDeleteResult(removed);
    }
  }
}
