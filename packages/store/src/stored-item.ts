import type { StoredItem, StoredObject } from './storage.js';

const utf8 = new TextEncoder();

/** Each item owns its bytes (no shared pool slab that one surviving version would keep alive). */
const encode = (object: Readonly<StoredObject>): Uint8Array => utf8.encode(JSON.stringify(object));

/**
 * The item a write stores: `object` (deeply frozen JSON, the store's own) stamped with
 * `resourceVersion` in its metadata, serialized once. Only the top level and metadata are new;
 * the rest is shared with `object`.
 */
export function storedItem(key: string, resourceVersion: number, object: Readonly<StoredObject>): StoredItem {
  const metadata = Object.freeze({ ...object.metadata, resourceVersion: String(resourceVersion) });
  const stamped: StoredObject = Object.freeze({ ...object, metadata });
  return Object.freeze({ key, resourceVersion, object: stamped, bytes: encode(stamped) });
}
