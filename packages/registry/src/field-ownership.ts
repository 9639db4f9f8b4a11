import { StatusError, newBadRequest } from '@kubekit/apimachinery';
import {
  type ApplyType,
  ApplyConflictError,
  ApplyTypeError,
  FieldSet,
  InvalidFieldsError,
  type Managers,
  UNTYPED,
  applyConfiguration,
  builtInApplyType,
  createdFields,
  decodeManagedFields,
  encodeManagedFields,
  fieldElement,
  isResetManagedFields,
  managerKey,
  schemaApplyType,
  updateManagedFields,
} from '@kubekit/patch';
import { sameJson } from '@kubekit/store';
import type { JsonObject } from '@kubekit/types';
import type { KubeObject } from './kube-object.js';
import { formatTime } from './object-meta.js';
import { type ResourceDefinition, apiVersionOf } from './resource-definition.js';

/** Who a write is recorded for, and where it wrote (API Concepts: "Field management"). */
export interface WriterIdentity {
  manager: string;
  /** `status` or `scale` for writes to those subresources. */
  subresource?: string | undefined;
}

const STATUS: ReadonlySet<string> = new Set(['status']);
const NOTHING: ReadonlySet<string> = new Set();

/** The manager of writes that name none (the in-process client without `fieldManager`). */
export const DEFAULT_FIELD_MANAGER = 'kubekit';

/**
 * managerOrUserAgent: the `fieldManager` of a request, or else the User-Agent up to its first
 * `/` (`kubectl-edit/v1.35.2 (linux/amd64)` → `kubectl-edit`), printable characters only, at
 * most 128 bytes.
 */
export function managerFromUserAgent(userAgent: string | undefined): string {
  // A client sends the same User-Agent on every request.
  if (userAgent === lastUserAgent.userAgent) return lastUserAgent.manager;
  lastUserAgent = { userAgent, manager: managerOf(userAgent) };
  return lastUserAgent.manager;
}

let lastUserAgent: { userAgent: string | undefined; manager: string } = { userAgent: undefined, manager: '' };

function managerOf(userAgent: string | undefined): string {
  const prefix = (userAgent ?? '').split('/')[0]!;
  let out = '';
  let bytes = 0;
  for (const char of prefix) {
    if (/\p{C}/u.test(char)) continue;
    bytes += Buffer.byteLength(char);
    if (bytes > 128) break;
    out += char;
  }
  return out;
}

/** The stored records; an unreadable list counts as none (emptyManagedFieldsOnErr). */
function storedManagers(object: Readonly<KubeObject> | undefined): Managers {
  try {
    return decodeManagedFields(object?.metadata?.managedFields);
  } catch (error) {
    if (error instanceof InvalidFieldsError) return new Map();
    throw error;
  }
}

function setManagedFields(object: KubeObject, managers: Managers): void {
  const meta = (object.metadata ??= {});
  const entries = encodeManagedFields(managers);
  if (entries) meta.managedFields = entries;
  else delete meta.managedFields;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `group/version, Kind=Kind` as Go prints a GroupVersionKind (`/v1, Kind=ConfigMap` for core). */
function gvkString(apiVersion: unknown, kind: unknown): string {
  const text = typeof apiVersion === 'string' ? apiVersion : '';
  const slash = text.indexOf('/');
  const [group, version] = slash < 0 ? ['', text] : [text.slice(0, slash), text.slice(slash + 1)];
  return `${group}/${version}, Kind=${typeof kind === 'string' ? kind : ''}`;
}

/** errors.NewApplyConflict: 409 Conflict, one FieldManagerConflict cause per field, no name or kind. */
function applyConflict(error: ApplyConflictError): StatusError {
  return new StatusError({
    code: 409,
    reason: 'Conflict',
    message: error.message,
    details: {
      causes: error.conflicts.map(({ manager, field }) => ({ reason: 'FieldManagerConflict', message: `conflict with ${manager}`, field })),
    },
  });
}

/**
 * The managed fields of one resource (k8s.io/apiserver's FieldManager): every create, update
 * and patch records what its manager set, an apply merges a configuration with ownership and
 * conflicts. Fields the write's strategy resets are never owned by it.
 */
export class FieldOwnership {
  readonly type: ApplyType;
  private readonly apiVersion: string;

  constructor(private readonly definition: ResourceDefinition) {
    // A custom resource merges as its structural schema says; without one, as untyped values.
    this.type = builtInApplyType(definition) ?? (definition.openApiSchema ? schemaApplyType(definition.openApiSchema) : UNTYPED);
    this.apiVersion = apiVersionOf(definition);
  }

  /**
   * Records an Update entry on `next` (a create when `old` is undefined). Managed fields the
   * client sent replace the stored ones, unless the write is to a subresource or they cannot be
   * read; `[{}]` clears them first.
   */
  recordUpdate(old: Readonly<KubeObject> | undefined, next: KubeObject, identity: WriterIdentity, now: number): void {
    const managers = this.managersFor(old, next, identity);
    if (!old && managers.size === 0) {
      this.recordCreate(next, identity, now);
      return;
    }
    // The old entries only show up as a change of metadata.managedFields, which no one owns.
    delete next.metadata?.managedFields;
    const updated = updateManagedFields((old ?? {}) as JsonObject, next as unknown as JsonObject, managers, this.identity(identity), {
      type: this.type,
      time: formatTime(now),
      ...this.ignoredFor(identity.subresource, old, next),
    });
    setManagedFields(next, updated);
  }

  /** A create with no managers before: its one Update entry, its fields found in a single walk. */
  private recordCreate(next: KubeObject, identity: WriterIdentity, now: number): void {
    delete next.metadata?.managedFields;
    const fieldsV1 = createdFields(next as unknown as JsonObject, this.type, this.definition.statusSubresource ? STATUS : NOTHING);
    if (!fieldsV1) return;
    const record = { ...this.identity(identity), operation: 'Update' as const, time: formatTime(now), fields: FieldSet.ofChildren(fieldsV1) };
    setManagedFields(next, new Map([[managerKey(record), record]]));
  }

  /**
   * Server-side apply of `config` to `live` (`undefined` for an object not yet created). Returns
   * the merged object with its managed fields; throws the real server's errors: a wrong type, a
   * configuration carrying managedFields, a field of the wrong shape, and conflicts (409).
   */
  apply(live: Readonly<KubeObject> | undefined, config: KubeObject, identity: WriterIdentity & { force: boolean }, now: number): KubeObject {
    if (config.apiVersion !== this.apiVersion || config.kind !== this.definition.kind) {
      throw newBadRequest(`invalid object type: ${gvkString(config.apiVersion, config.kind)}`);
    }
    if (config.metadata?.managedFields !== undefined) throw newBadRequest('metadata.managedFields must be nil');
    const typedPatchError = (message: string) => {
      const meta = isObject(config.metadata) ? config.metadata : {};
      // structuredMergeManager: the configuration does not fit the kind's schema.
      return newBadRequest(
        `failed to create typed patch object (${String(meta.namespace ?? '')}/${String(meta.name ?? '')}; ${gvkString(config.apiVersion, config.kind)}): ${message}`,
      );
    };
    if (config.metadata !== undefined && config.metadata !== null && !isObject(config.metadata)) {
      throw typedPatchError(`.metadata: expected map, got ${JSON.stringify(config.metadata)}`);
    }
    try {
      const { object, managers } = applyConfiguration((live ?? {}) as JsonObject, config as unknown as JsonObject, storedManagers(live), this.identity(identity), {
        type: this.type,
        time: formatTime(now),
        force: identity.force,
        ...this.ignoredFor(identity.subresource, live, config),
      });
      // The merge shares members with the stored object (frozen) and the caller's configuration:
      // what is written here gets its own top level and metadata.
      const result = { ...object, metadata: { ...(isObject(object.metadata) ? object.metadata : {}) } } as unknown as KubeObject;
      setManagedFields(result, managers);
      return result;
    } catch (error) {
      if (error instanceof ApplyConflictError) throw applyConflict(error);
      if (error instanceof ApplyTypeError) throw typedPatchError(error.message);
      throw error;
    }
  }

  private identity(identity: WriterIdentity) {
    return { manager: identity.manager, apiVersion: this.apiVersion, subresource: identity.subresource };
  }

  private managersFor(old: Readonly<KubeObject> | undefined, next: KubeObject, identity: WriterIdentity): Managers {
    const sent = next.metadata?.managedFields;
    if (identity.subresource === undefined && isResetManagedFields(sent)) return new Map();
    if (identity.subresource === undefined && Array.isArray(sent) && sent.length > 0) {
      // A client that read the object and wrote it back sends the stored entries: those are parsed already.
      if (old && sameJson(sent, old.metadata?.managedFields)) return storedManagers(old);
      try {
        return decodeManagedFields(sent, storedManagers(old));
      } catch (error) {
        if (!(error instanceof InvalidFieldsError)) throw error;
      }
    }
    return storedManagers(old);
  }

  /**
   * GetResetFields: the main resource of a kind with `/status` never owns status; `/status` owns
   * nothing but status.
   */
  private ignoredFor(subresource: string | undefined, ...objects: (Readonly<KubeObject> | undefined)[]): { ignored?: FieldSet } {
    const ignored = FieldSet.empty();
    if (subresource === 'status') {
      for (const object of objects) {
        for (const key of Object.keys(object ?? {})) if (key !== 'status') ignored.insert([fieldElement(key)]);
      }
    } else if (subresource === undefined && this.definition.statusSubresource) {
      ignored.insert([fieldElement('status')]);
    } else {
      return {};
    }
    return { ignored };
  }
}
