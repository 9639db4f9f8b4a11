import { describe, expect, expectTypeOf, it } from 'vitest';
import * as types from './index.js';
import type { appsv1, corev1, Deployment, IntOrString, Kinds, metav1, ObjectMeta, Pod, PodSpec, Quantity, Time } from './index.js';

describe('the public entry point', () => {
  it('exports the runtime API and no schema library', () => {
    expect(Object.keys(types).sort()).toEqual([
      'APPLY_MARKERS',
      'KINDS_IN_EVERY_GROUP_VERSION',
      'META_V1_IDS',
      'SPECIAL_TYPE_IDS',
      'STATUS_GVK',
      'decodeObject',
      'decodeStruct',
      'findKind',
      'formatApiVersion',
      'getTypeFacts',
      'gvkOf',
      'listKinds',
      'parseApiVersion',
      'requireTypeFacts',
      'specialKindOf',
      'structIdsOf',
    ]);
  });

  it('exports the generated interfaces, flat and by package', () => {
    expectTypeOf<Pod['spec']>().toEqualTypeOf<PodSpec | undefined>();
    expectTypeOf<corev1.Pod>().toEqualTypeOf<Pod>();
    expectTypeOf<Kinds['apps/v1']['Deployment']>().toEqualTypeOf<Deployment>();
    expectTypeOf<appsv1.DeploymentSpec['template']>().toEqualTypeOf<corev1.PodTemplateSpec>();
    expectTypeOf<corev1.Container['name']>().toEqualTypeOf<string>();
    expectTypeOf<corev1.Container['ports']>().toEqualTypeOf<corev1.ContainerPort[] | undefined>();
    expectTypeOf<metav1.ObjectMeta>().toEqualTypeOf<ObjectMeta>();
    expectTypeOf<ObjectMeta['creationTimestamp']>().toEqualTypeOf<Time | undefined>();
    expectTypeOf<corev1.ResourceRequirements['limits']>().toEqualTypeOf<Record<string, Quantity> | undefined>();
    expectTypeOf<corev1.ServicePort['targetPort']>().toEqualTypeOf<IntOrString | undefined>();
    expectTypeOf<Pod>().toHaveProperty('apiVersion');
  });

  it('types decoded objects as asked', () => {
    const { object } = types.decodeObject<Deployment>({ group: 'apps', version: 'v1', kind: 'Deployment' }, { spec: { replicas: 2 } });
    expectTypeOf(object).toEqualTypeOf<Deployment>();
    expect(object.spec?.replicas).toBe(2);
  });
});
