import { type JsonObject, type JsonValue, isObject, jsonEqual } from '../json.js';
import type { ApplyType } from './apply-type.js';
import { type Comparison, compareObjects } from './compare.js';
import { ApplyConflictError } from './conflicts.js';
import { FieldSet } from './field-set.js';
import { type ManagerRecord, type Managers, capUpdateManagers, managerKey, withFields } from './managed-fields.js';
import { mergeObjects } from './merge.js';
import { pruneObject } from './prune.js';
import { fieldSetOf } from './to-field-set.js';
import { UNOWNED } from './unowned-fields.js';

/** Who writes: the field manager's name, the apiVersion it writes, and the subresource (`status`). */
export interface ManagerIdentity {
  manager: string;
  apiVersion: string;
  subresource?: string | undefined;
}

export interface FieldManagerOptions {
  type: ApplyType;
  /** The write's time, RFC 3339 in seconds: the `time` of the entries it changes. */
  time: string;
  /**
   * Fields the write's strategy resets and so never hands to anyone (GetResetFields): `status`
   * on the main resource of a kind with a status subresource; all but `status` on `/status`.
   */
  ignored?: FieldSet;
}

function withoutIgnored(comparison: Comparison, ignored: FieldSet | undefined): Comparison {
  if (!ignored) return comparison;
  return {
    added: comparison.added.withoutSubtrees(ignored),
    modified: comparison.modified.withoutSubtrees(ignored),
    removed: comparison.removed.withoutSubtrees(ignored),
  };
}

/** Every other manager gives up `taken` and `removed` (Updater.update with force); empty records go. */
function releaseFields(managers: Managers, except: string, taken: FieldSet, removed: FieldSet): Managers {
  const out = new Map<string, ManagerRecord>();
  let changed = false;
  for (const [key, record] of managers) {
    if (key === except) {
      out.set(key, record);
      continue;
    }
    const fields = record.fields.difference(taken).difference(removed);
    changed ||= fields !== record.fields;
    if (fields.isEmpty()) continue;
    out.set(key, fields === record.fields ? record : withFields(record, fields));
  }
  // Nobody gave anything up: the very same records, so an unchanged list is written as it was.
  return changed ? out : managers;
}

/**
 * FieldManager.Update, for a create, update or non-apply patch: the writer takes every field
 * the write adds or changes (from whoever owned it), nobody keeps a field the write removed,
 * and the writer's Update entry gets the write's time when it took anything. `live` is `{}` for
 * a create; both objects come without managedFields.
 */
export function updateManagedFields(
  live: JsonObject,
  next: JsonObject,
  managers: Managers,
  identity: ManagerIdentity,
  options: FieldManagerOptions,
): Managers {
  const comparison = withoutIgnored(compareObjects(live, next, options.type), options.ignored);
  const taken = comparison.modified.union(comparison.added);
  const key = managerKey({ ...identity, operation: 'Update' });
  const released = releaseFields(managers, '', taken, comparison.removed);
  const took = taken.difference(UNOWNED);
  if (took.isEmpty()) return capUpdateManagers(released);
  const previous = released.get(key);
  // stripMetaManager strips the writer's own entry (only it can hold what a client sent).
  const fields = previous ? previous.fields.union(took).difference(UNOWNED) : took;
  // The same fields within the same second: the entry as it is (times have seconds only).
  if (previous && fields === previous.fields && previous.time === options.time) return capUpdateManagers(released);
  const updated = new Map(released);
  const record: ManagerRecord = {
    manager: identity.manager,
    operation: 'Update',
    apiVersion: identity.apiVersion,
    ...(identity.subresource && { subresource: identity.subresource }),
    time: options.time,
    fields,
  };
  updated.set(key, record);
  return capUpdateManagers(updated);
}

export interface AppliedObject {
  /** The object after the apply (unchanged live content when nothing changed). */
  object: JsonObject;
  managers: Managers;
}

export interface ApplyOptions extends FieldManagerOptions {
  /** `force=true`: take the conflicting fields from their owners instead of failing. */
  force?: boolean;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * FieldManager.Apply: merges the configuration into the live object, removes what the applier
 * applied before and no manager owns any more, and records the configuration's fields as the
 * applier's. Fields another manager owns that the apply would change are an ApplyConflictError
 * unless `force`. `live` is `{}` when the object does not exist yet.
 */
export function applyConfiguration(
  live: JsonObject,
  config: JsonObject,
  managers: Managers,
  identity: ManagerIdentity,
  options: ApplyOptions,
): AppliedObject {
  const configFields = fieldSetOf(config, options.type);
  const applied = options.ignored ? configFields.withoutSubtrees(options.ignored) : configFields;
  const key = managerKey({ ...identity, operation: 'Apply' });
  const previous = managers.get(key);
  const withApplier = new Map(managers);
  withApplier.set(key, {
    manager: identity.manager,
    operation: 'Apply',
    apiVersion: identity.apiVersion,
    ...(identity.subresource && { subresource: identity.subresource }),
    ...(previous?.time && { time: previous.time }),
    fields: applied,
  });
  let merged = mergeObjects(live, config, options.type) as JsonObject;
  if (previous && !previous.fields.isEmpty()) {
    let owned = FieldSet.empty();
    for (const record of withApplier.values()) owned = owned.union(record.fields);
    merged = pruneObject(merged, previous.fields, owned, options.type) as JsonObject;
  }
  const comparison = withoutIgnored(compareObjects(live, merged, options.type), options.ignored);
  const changed = comparison.modified.union(comparison.added);
  const conflicts: [ManagerRecord, FieldSet][] = [];
  for (const [other, record] of withApplier) {
    if (other === key) continue;
    const conflict = record.fields.intersection(changed);
    if (!conflict.isEmpty()) conflicts.push([record, conflict]);
  }
  if (conflicts.length > 0 && !options.force) {
    // lastAppliedManager: kubectl's own apply may take what its client-side apply set, while
    // the live object still holds those values.
    const allowed = identity.manager === 'kubectl' ? allowedByLastApplied(live, options.type) : undefined;
    const remaining = allowed ? conflicts.map(([record, fields]) => [record, fields.difference(allowed)] as [ManagerRecord, FieldSet]) : conflicts;
    const left = remaining.filter(([, fields]) => !fields.isEmpty());
    if (left.length > 0) throw ApplyConflictError.of(left);
  }
  const result = new Map(releaseFields(withApplier, key, changed, comparison.removed));
  const fields = applied.difference(UNOWNED);
  if (fields.isEmpty()) result.delete(key);
  else result.set(key, withFields(result.get(key)!, fields, jsonEqual(live, merged) ? undefined : options.time));
  const object = identity.manager === 'kubectl' ? withSyncedLastApplied(merged, config) : merged;
  return { object, managers: result };
}

/** The fields of the last-applied annotation whose values the live object still has. */
function allowedByLastApplied(live: JsonObject, type: ApplyType): FieldSet | undefined {
  const annotation = annotationsOf(live)?.[LAST_APPLIED];
  if (typeof annotation !== 'string' || annotation === '') return undefined;
  try {
    const lastApplied = JSON.parse(annotation) as JsonValue;
    if (!isObject(lastApplied)) return undefined;
    const fields = fieldSetOf(lastApplied, type);
    const { added, modified, removed } = compareObjects(lastApplied, live, type);
    return fields.difference(modified).difference(added).difference(removed);
  } catch {
    return undefined;
  }
}

function annotationsOf(object: JsonObject): JsonObject | undefined {
  const metadata = object.metadata;
  return isObject(metadata) && isObject(metadata.annotations) ? metadata.annotations : undefined;
}

/** encoding/json's string form: JSON's, with `<`, `>`, `&`, U+2028 and U+2029 escaped. */
function goString(value: string): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Go's encoding of an unstructured object: keys sorted at every level. */
function sortedJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${goString(key)}:${sortedJson(value[key]!)}`)
      .join(',')}}`;
  }
  return typeof value === 'string' ? goString(value) : JSON.stringify(value);
}

/**
 * lastAppliedUpdater: when kubectl applies server-side to an object that carries client-side
 * apply's annotation, the annotation follows the new configuration, so a later client-side
 * apply computes its patch from what was really applied.
 */
function withSyncedLastApplied(object: JsonObject, config: JsonObject): JsonObject {
  const annotations = annotationsOf(object);
  if (!annotations || !Object.hasOwn(annotations, LAST_APPLIED)) return object;
  const configMetadata = isObject(config.metadata) ? config.metadata : {};
  const { [LAST_APPLIED]: _dropped, ...configAnnotations } = isObject(configMetadata.annotations) ? configMetadata.annotations : {};
  const { annotations: _annotations, ...restMetadata } = configMetadata;
  const lastApplied = {
    ...config,
    metadata: { ...restMetadata, ...(Object.keys(configAnnotations).length > 0 && { annotations: configAnnotations }) },
  };
  const metadata = object.metadata as JsonObject;
  return { ...object, metadata: { ...metadata, annotations: { ...annotations, [LAST_APPLIED]: `${sortedJson(lastApplied)}\n` } } };
}
