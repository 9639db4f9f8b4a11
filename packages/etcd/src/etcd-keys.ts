import { type StoredItem, type StoredObject, storedItem, toFrozenJson, toFrozenJsonSharing } from '@kubekit/store';

/**
 * Where storage keys live in etcd: `<prefix><key>`, so a Pod's `/core/pods/default/web` is
 * `/registry/core/pods/default/web` under the default prefix (kube-apiserver's `--etcd-prefix`).
 */
export class EtcdKeys {
  readonly #prefix: string;

  constructor(prefix: string) {
    this.#prefix = prefix.replace(/\/+$/, '');
  }

  etcdKey(key: string): Buffer {
    return Buffer.from(this.#prefix + key);
  }

  /** The storage key of an etcd key, or undefined for a key outside the prefix. */
  storageKey(etcdKey: Buffer): string | undefined {
    const key = etcdKey.toString('utf8');
    return key.startsWith(`${this.#prefix}/`) ? key.slice(this.#prefix.length) : undefined;
  }

  /** The etcd range of every key under a storage prefix, `/` for all (etcd's prefix range: the end is the start with its last byte raised). */
  range(prefix = '/'): { key: Buffer; range_end: Buffer } {
    const key = this.etcdKey(prefix);
    return { key, range_end: prefixEnd(key) };
  }
}

function prefixEnd(key: Buffer): Buffer {
  const end = Buffer.from(key);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i]! < 0xff) {
      end[i] = end[i]! + 1;
      return end.subarray(0, i + 1);
    }
  }
  return Buffer.from([0]);
}

/**
 * The object as etcd keeps it: without `metadata.resourceVersion`, which is the key's mod revision
 * (kube-apiserver clears it before it stores). Frozen in, frozen out.
 */
export function withoutResourceVersion(object: Readonly<StoredObject>): Readonly<StoredObject> {
  const metadata = object.metadata;
  if (metadata === undefined || !('resourceVersion' in metadata)) return object;
  const { resourceVersion: _resourceVersion, ...rest } = metadata;
  return Object.freeze({ ...object, metadata: Object.freeze(rest) });
}

/** The value etcd stores for `object` (already without its resourceVersion): its JSON. */
export function encodeValue(object: Readonly<StoredObject>): Buffer {
  return Buffer.from(JSON.stringify(object));
}

/**
 * One etcd value as the object the storage hands out: parsed, deeply frozen (sharing every
 * subtree equal to the previous version's) and without a resourceVersion.
 */
export function parseValue(value: Buffer, previous: Readonly<StoredObject> | undefined): Readonly<StoredObject> {
  const parsed = JSON.parse(value.toString('utf8')) as StoredObject;
  return withoutResourceVersion((previous ? toFrozenJsonSharing(parsed, previous) : toFrozenJson(parsed)) as StoredObject);
}

/** A stored key and value as the item readers get: parsed (sharing what `previous` has) and stamped with its mod revision. */
export function itemOf(key: string, kv: { mod_revision: string; value: Buffer }, previous: Readonly<StoredObject> | undefined): StoredItem {
  return storedItem(key, Number(kv.mod_revision), parseValue(kv.value, previous));
}
