import type { ScalarKind } from './model.js';

/**
 * Types whose JSON (and OpenAPI) form is not their Go struct. They keep their OpenAPI ids so that
 * documents reference them the way the real apiserver does.
 */
export const SPECIAL_TYPE_IDS = {
  quantity: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
  'int-or-string': 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  time: 'io.k8s.apimachinery.pkg.apis.meta.v1.Time',
  'micro-time': 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime',
  duration: 'io.k8s.apimachinery.pkg.apis.meta.v1.Duration',
  raw: 'io.k8s.apimachinery.pkg.runtime.RawExtension',
  'fields-v1': 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1',
} as const satisfies Partial<Record<ScalarKind, string>>;

export type SpecialKind = keyof typeof SPECIAL_TYPE_IDS;

const BY_ID = new Map<string, SpecialKind>(
  Object.entries(SPECIAL_TYPE_IDS).map(([kind, id]) => [id, kind as SpecialKind]),
);

/** The scalar kind a struct id stands for in JSON, if it is one of the special types. */
export function specialKindOf(id: string): SpecialKind | undefined {
  return BY_ID.get(id);
}
