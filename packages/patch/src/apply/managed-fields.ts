import { type JsonObject, isObject, jsonEqual } from '../json.js';
import { FieldSet, InvalidFieldsError } from './field-set.js';

/** metav1.ManagedFieldsEntry as it is written in `metadata.managedFields`. */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: 'Apply' | 'Update';
  apiVersion?: string;
  time?: string;
  fieldsType?: 'FieldsV1';
  fieldsV1?: JsonObject;
  subresource?: string;
}

/** One manager's record: who, how, and the fields it owns. */
export interface ManagerRecord {
  readonly manager: string;
  readonly operation: 'Apply' | 'Update';
  readonly apiVersion: string;
  readonly time?: string | undefined;
  readonly subresource?: string | undefined;
  readonly fields: FieldSet;
  /** The entry it was read from, written back as it was while nothing about it changes. */
  readonly entry?: ManagedFieldsEntry;
}

/**
 * Records by manager identity: name, operation, subresource, and for updates the apiVersion
 * (BuildManagerIdentifier). Read-only: the records of a stored list are decoded once and shared
 * by every write that starts from it; operations build new maps.
 */
export type Managers = ReadonlyMap<string, ManagerRecord>;

export function managerKey(record: Pick<ManagerRecord, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  const version = record.operation === 'Update' ? record.apiVersion : '';
  return `${record.manager}\u0000${record.operation}\u0000${version}\u0000${record.subresource ?? ''}`;
}

/** Parsed FieldsV1 by the (immutable, stored) object it was parsed from. */
const parsed = new WeakMap<object, FieldSet>();

function fieldsOf(fieldsV1: JsonObject): FieldSet {
  let set = parsed.get(fieldsV1);
  if (!set) {
    set = FieldSet.fromFieldsV1(fieldsV1);
    if (Object.isFrozen(fieldsV1)) parsed.set(fieldsV1, set);
  }
  return set;
}

/** Decoded records by the (frozen, stored) list they were read from. */
const decoded = new WeakMap<object, Managers>();

/** The list each set of records was encoded as: records a write left as they were are written as that list. */
const encoded = new WeakMap<Managers, readonly ManagedFieldsEntry[]>();

const NO_MANAGERS: Managers = new Map();

/**
 * DecodeManagedFields: the records of an object's managedFields. Throws InvalidFieldsError for
 * an entry the server cannot read (no or unknown operation, no apiVersion, no or unknown
 * fieldsType). A frozen list (a stored object's) is decoded once. An entry equal to the record of
 * `reference` under the same key (a client writing back what it read) is that record, not decoded again.
 */
export function decodeManagedFields(entries: unknown, reference: Managers = NO_MANAGERS): Managers {
  if (entries === undefined || entries === null) return NO_MANAGERS;
  if (!Array.isArray(entries)) throw new InvalidFieldsError('managedFields must be a list');
  const known = decoded.get(entries);
  if (known) return known;
  const managers = new Map<string, ManagerRecord>();
  entries.forEach((entry: unknown, index) => {
    if (!isObject(entry)) throw new InvalidFieldsError(`managed fields entry ${index} is not an object`);
    const { manager = '', operation, apiVersion, time, fieldsType, fieldsV1, subresource } = entry as ManagedFieldsEntry;
    const same = reference.get(managerKey({ manager: String(manager), operation: operation!, apiVersion: String(apiVersion), subresource }));
    if (same?.entry && jsonEqual(entry as JsonObject, same.entry as unknown as JsonObject)) {
      managers.set(managerKey(same), same);
      return;
    }
    if (operation !== 'Apply' && operation !== 'Update') throw new InvalidFieldsError('operation must be `Apply` or `Update`');
    if (!apiVersion) throw new InvalidFieldsError('apiVersion must not be empty');
    if (fieldsType === undefined || (fieldsType as string) === '') throw new InvalidFieldsError(`missing fieldsType in managed fields entry ${index}`);
    if (fieldsType !== 'FieldsV1') throw new InvalidFieldsError(`invalid fieldsType "${String(fieldsType)}" in managed fields entry ${index}`);
    const record: ManagerRecord = {
      manager: String(manager),
      operation,
      apiVersion: String(apiVersion),
      ...(typeof time === 'string' && { time }),
      ...(subresource && { subresource: String(subresource) }),
      fields: fieldsV1 === undefined ? FieldSet.empty() : fieldsOf(fieldsV1),
      // A stored entry is written back as it is; one a client sent is written anew, normalized.
      ...(Object.isFrozen(entry) && { entry: entry as ManagedFieldsEntry }),
    };
    managers.set(managerKey(record), record);
  });
  if (Object.isFrozen(entries)) decoded.set(entries, managers);
  return managers;
}

/** Whether a client asked to clear the managed fields: a list of exactly one empty entry. */
export function isResetManagedFields(entries: unknown): boolean {
  return Array.isArray(entries) && entries.length === 1 && isObject(entries[0]) && Object.keys(entries[0]).length === 0;
}

function compareEntries(a: ManagerRecord, b: ManagerRecord): number {
  if (a.operation !== b.operation) return a.operation < b.operation ? -1 : 1;
  const seconds = (record: ManagerRecord) => (record.time ? Math.floor(Date.parse(record.time) / 1000) : 0);
  if (seconds(a) !== seconds(b)) return seconds(a) - seconds(b);
  for (const key of ['manager', 'apiVersion', 'subresource'] as const) {
    const x = a[key] ?? '';
    const y = b[key] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * EncodeObjectManagedFields: entries sorted as upstream sorts them (Apply before Update, then
 * by time, manager, apiVersion, subresource); undefined when there are none. An unchanged
 * record keeps the stored entry object. The list is deeply frozen, so a store shares it.
 */
export function encodeManagedFields(managers: Managers): readonly ManagedFieldsEntry[] | undefined {
  const known = encoded.get(managers);
  if (known) return known;
  const records = [...managers.values()].filter((record) => !record.fields.isEmpty()).sort(compareEntries);
  if (records.length === 0) return undefined;
  const written = records.map((record) => (record.entry ? record : { ...record, entry: entryOf(record) }));
  const list = Object.freeze(written.map((record) => record.entry!));
  // The next write starting from this list finds its records without decoding it again.
  const writtenRecords = new Map(written.map((record) => [managerKey(record), record]));
  decoded.set(list, writtenRecords);
  encoded.set(writtenRecords, list);
  return list;
}

function entryOf(record: ManagerRecord): ManagedFieldsEntry {
  const fieldsV1 = record.fields.toFieldsV1();
  parsed.set(fieldsV1, record.fields);
  return Object.freeze({
    manager: record.manager,
    operation: record.operation,
    apiVersion: record.apiVersion,
    ...(record.time && { time: record.time }),
    fieldsType: 'FieldsV1',
    fieldsV1,
    ...(record.subresource && { subresource: record.subresource }),
  });
}

/** A record with new fields (or time): it no longer matches its stored entry. */
export function withFields(record: ManagerRecord, fields: FieldSet, time?: string): ManagerRecord {
  const { entry: _entry, ...rest } = record;
  return { ...rest, fields, ...(time !== undefined && { time }) };
}

/** How many Update records an object keeps before the oldest are folded into `ancient-changes` (DefaultMaxUpdateManagers). */
export const MAX_UPDATE_MANAGERS = 10;

/**
 * capManagersManager: while there are more Update records than the cap, the oldest (by time in
 * seconds, then identity) merge into an `ancient-changes` record of their apiVersion, which takes
 * the time of the newest record merged into it.
 */
export function capUpdateManagers(managers: Managers, max = MAX_UPDATE_MANAGERS): Managers {
  const updates = [...managers.entries()].filter(([, record]) => record.operation === 'Update');
  if (updates.length <= max) return managers;
  const seconds = (record: ManagerRecord) => (record.time ? Math.floor(Date.parse(record.time) / 1000) : 0);
  updates.sort(([keyA, a], [keyB, b]) => seconds(a) - seconds(b) || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0));
  const capped = new Map(managers);
  let count = updates.length;
  for (const [key, record] of updates) {
    if (count <= max) break;
    const bucketKey = managerKey({ manager: ANCIENT_CHANGES, operation: 'Update', apiVersion: record.apiVersion });
    if (key === bucketKey) continue;
    const bucket = capped.get(bucketKey);
    if (!bucket) count++;
    capped.delete(key);
    count--;
    capped.set(bucketKey, {
      manager: ANCIENT_CHANGES,
      operation: 'Update',
      apiVersion: record.apiVersion,
      ...(record.time && { time: record.time }),
      fields: bucket ? bucket.fields.union(record.fields) : record.fields,
    });
  }
  return capped;
}

const ANCIENT_CHANGES = 'ancient-changes';
