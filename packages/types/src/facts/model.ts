import type { GroupVersionKind } from '../gvk.js';

/**
 * How a field's value is written in JSON. Special Kubernetes types get their own kinds because
 * their JSON form differs from their Go struct (Quantity and Time are strings, IntOrString is
 * either, RawExtension and FieldsV1 are arbitrary JSON).
 */
export type ScalarKind =
  | 'string'
  | 'number'
  | 'boolean'
  | 'bytes'
  | 'quantity'
  | 'int-or-string'
  | 'time'
  | 'micro-time'
  | 'duration'
  | 'raw'
  | 'fields-v1';

export type TypeRef =
  | { readonly kind: ScalarKind }
  | { readonly kind: 'integer'; readonly format: 'int32' | 'int64' }
  /** A struct, by its OpenAPI-style id (`io.k8s.api.core.v1.PodSpec`). */
  | { readonly kind: 'object'; readonly id: string }
  | { readonly kind: 'array'; readonly items: TypeRef }
  /** JSON object with string keys (Go `map[K]V`). */
  | { readonly kind: 'map'; readonly values: TypeRef };

/** Protobuf wire type of one value (for repeated fields: of one element; Kubernetes' proto2 never packs). */
export type WireType = 'varint' | 'bytes';

export type PatchStrategy = 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';

export interface ProtobufFacts {
  readonly number: number;
  readonly wire: WireType;
  readonly repeated: boolean;
}

export interface FieldFacts {
  /** JSON name; for embedded (`inline`) fields and fields without a JSON name, the Go field name. */
  readonly name: string;
  readonly type: TypeRef;
  /** `+optional` or `omitempty`: not listed as required in OpenAPI. */
  readonly optional: boolean;
  /** Go pointer (`*T`): its zero value is absent rather than `{}`/`""`/`0`. */
  readonly pointer: boolean;
  /** Embedded struct whose fields appear in the parent's JSON object. */
  readonly inline: boolean;
  /** False for fields Go never writes to JSON (`json:"-"`, raw byte payloads). */
  readonly json: boolean;
  readonly protobuf?: ProtobufFacts;
  readonly patchStrategy?: PatchStrategy;
  readonly patchMergeKey?: string;
  /** Go's name for the field's type as `reflect` prints it (`int32`, `v1.RestartPolicy`, `[]v1.Container`). */
  readonly goType: string;
}

export interface StructFacts {
  /** OpenAPI-style id: `io.k8s.api.core.v1.Pod`. */
  readonly id: string;
  /** Go type name: `Pod`. */
  readonly name: string;
  /** Go import path: `k8s.io/api/core/v1`. */
  readonly goPackage: string;
  /** Set for types that carry `apiVersion`/`kind` (embed TypeMeta) in an API group. */
  readonly gvk?: GroupVersionKind;
  /** `+genclient`: a top-level resource with its own REST endpoints. */
  readonly topLevel: boolean;
  readonly clusterScoped: boolean;
  /** Declared fields in Go order, embedded structs included as single entries. */
  readonly fields: readonly FieldFacts[];
  /** The JSON object's fields by name, embedded structs flattened (the outer field wins a clash). */
  readonly jsonFields: ReadonlyMap<string, FieldFacts>;
}
