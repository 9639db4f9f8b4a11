import type { JsonValue } from '../json.js';

/**
 * The shape of a type as server-side apply sees it (structured-merge-diff's schema): which values
 * are leaves, how lists and maps merge, and which fields Go always writes. Built once per kind
 * from the built-in facts, or deduced from the values for kinds without a schema.
 */
export type ApplyType = ScalarType | StructType | MapType | ListType | UntypedType;

/** A JSON scalar, or a value owned as a whole (`+structType=atomic`, `+mapType=atomic`, RawExtension). */
export interface ScalarType {
  readonly kind: 'scalar';
}

export interface StructType {
  readonly kind: 'struct';
  /** `+structType=atomic`: the struct is owned and replaced as a whole. */
  readonly atomic: boolean;
  field(name: string): StructField | undefined;
}

export interface StructField {
  readonly type: ApplyType;
  /**
   * Whether Go writes the field even when it was never set: a struct that is not a pointer (as
   * `{}`), a list or map without `omitempty` (as `null`). Ownership of "the field exists" is
   * recorded only for fields that can be absent.
   */
  readonly alwaysWritten: boolean;
}

export interface MapType {
  readonly kind: 'map';
  readonly atomic: boolean;
  readonly values: ApplyType;
}

export interface ListType {
  readonly kind: 'list';
  /** `+listType`: atomic lists are replaced whole; sets merge by value; maps merge by `keys`. */
  readonly listType: 'atomic' | 'set' | 'map';
  /** `+listMapKey`s of a map-list, in declaration order. */
  readonly keys: readonly string[];
  /** Defaults of key fields (`+default`), used when an item leaves the key out (a port's `protocol`). */
  readonly keyDefaults?: Readonly<Record<string, JsonValue>>;
  readonly items: ApplyType;
}

/** No schema (the deduced type of custom resources): objects merge key by key, lists are atomic. */
export interface UntypedType {
  readonly kind: 'untyped';
}

export const SCALAR: ScalarType = { kind: 'scalar' };
export const UNTYPED: UntypedType = { kind: 'untyped' };

/** What an untyped value is treated as: a granular map for objects, an atomic leaf otherwise. */
export const UNTYPED_MAP: MapType = { kind: 'map', atomic: false, values: UNTYPED };

/** Whether values of this type are owned and replaced whole. */
export function isAtomic(type: Exclude<ApplyType, UntypedType>): boolean {
  switch (type.kind) {
    case 'scalar':
      return true;
    case 'list':
      return type.listType === 'atomic';
    default:
      return type.atomic;
  }
}
