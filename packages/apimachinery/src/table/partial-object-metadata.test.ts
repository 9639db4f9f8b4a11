import { describe, expect, it } from 'vitest';
import { isStatusError } from '../errors/status-error.js';
import {
  partialObjectMetadataListOfObjectError,
  partialObjectMetadataOfListError,
  toPartialObjectMetadata,
  toPartialObjectMetadataList,
} from './partial-object-metadata.js';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'demo', namespace: 'default', uid: 'u1', resourceVersion: '4', generation: 2, labels: { app: 'demo' } },
  spec: { replicas: 1 },
};

// asPartialObjectMetadata / asPartialObjectMetadataList in k8s.io/apiserver endpoints/handlers/response.go (v0.35).
describe('PartialObjectMetadata', () => {
  it('keeps the whole metadata and nothing else', () => {
    expect(toPartialObjectMetadata(deployment)).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: deployment.metadata,
    });
    expect(toPartialObjectMetadata({}, 'meta.k8s.io/v1beta1')).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1beta1',
      metadata: {},
    });
  });

  it('converts lists with their list metadata', () => {
    expect(toPartialObjectMetadataList({ metadata: { resourceVersion: '10', continue: 'c', remainingItemCount: 2 }, items: [deployment] })).toEqual({
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '10', continue: 'c', remainingItemCount: 2 },
      items: [{ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: deployment.metadata }],
    });
    expect(toPartialObjectMetadataList({ items: [] })).toEqual({
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata: {},
      items: [],
    });
  });

  it('answers 406 for other group versions and the wrong shape', () => {
    expect(() => toPartialObjectMetadata(deployment, 'meta.k8s.io/v2')).toThrow('no PartialObjectMetadataList exists in group version meta.k8s.io/v2');
    expect(() => toPartialObjectMetadataList({ items: [] }, 'v1')).toThrow('no PartialObjectMetadataList exists in group version v1');
    expect(isStatusError(partialObjectMetadataOfListError('*v1.PodList'), 'NotAcceptable')).toBe(true);
    expect(partialObjectMetadataOfListError('*v1.PodList').message).toBe(
      'you requested PartialObjectMetadata, but the requested object is a list (*v1.PodList)',
    );
    expect(partialObjectMetadataListOfObjectError('*v1.Pod').message).toBe(
      'you requested PartialObjectMetadataList, but the requested object is not a list (*v1.Pod)',
    );
  });
});
