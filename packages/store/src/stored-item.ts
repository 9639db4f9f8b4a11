import { toFrozenJson } from './frozen-json.js';
import type { StoredItem, StoredObject } from './storage.js';

const utf8 = new TextEncoder();

/** Each item owns its bytes (no shared pool slab that one surviving version would keep alive). */
const encode = (object: Readonly<StoredObject>): Uint8Array => utf8.encode(JSON.stringify(object));

/**
 * The item a write stores: a frozen copy of `object` carrying `resourceVersion` in its metadata,
 * serialized once. The caller's object is neither changed nor kept.
 */
export function storedItem(key: string, resourceVersion: number, object: StoredObject): StoredItem {
  const stamped = { ...object, metadata: { ...object.metadata, resourceVersion: String(resourceVersion) } };
  const frozen = toFrozenJson(stamped) as StoredObject;
  return Object.freeze({ key, resourceVersion, object: frozen, bytes: encode(frozen) });
}

/**
 * A stored object stamped with a later revision (a deletion's): only the top level and metadata
 * are new, the rest is shared with the frozen original.
 */
export function restamped(key: string, resourceVersion: number, object: Readonly<StoredObject>): StoredItem {
  const metadata = Object.freeze({ ...object.metadata, resourceVersion: String(resourceVersion) });
  const copy: StoredObject = Object.freeze({ ...object, metadata });
  return Object.freeze({ key, resourceVersion, object: copy, bytes: encode(copy) });
}
