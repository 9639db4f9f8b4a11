import { describe, expect, it } from 'vitest';
import { isStatusError } from '../errors/status-error.js';
import {
  convertFieldSelector,
  customResourceFieldLabels,
  defaultFieldLabelConversion,
  supportedFieldLabels,
} from './field-label-conversion.js';
import { parseFieldSelector } from './field-selector.js';

function badRequest(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isStatusError(error, 'BadRequest')) return error.message;
    throw error;
  }
  throw new Error('expected a BadRequest');
}

// runtime.DefaultMetaV1FieldSelectorConversion (apimachinery pkg/runtime/conversion.go), the Pod
// conversion of kubernetes pkg/apis/core/v1/conversion.go and apiextensions-apiserver
// pkg/apiserver/conversion/converter.go (v0.35).
describe('field label conversions', () => {
  it('accepts only metadata.name and metadata.namespace by default', () => {
    expect(convertFieldSelector(parseFieldSelector('metadata.namespace=a,metadata.name=b'), defaultFieldLabelConversion).toString()).toBe(
      'metadata.name=b,metadata.namespace=a',
    );
    expect(badRequest(() => convertFieldSelector(parseFieldSelector('spec.foo=x'), defaultFieldLabelConversion))).toBe(
      '"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
  });

  const pods = supportedFieldLabels(['metadata.name', 'metadata.namespace', 'spec.nodeName', 'status.phase'], { 'spec.host': 'spec.nodeName' });

  it('passes supported labels and renames aliases', () => {
    expect(convertFieldSelector(parseFieldSelector('spec.host=n1,status.phase!=Failed'), pods).toString()).toBe(
      'spec.nodeName=n1,status.phase!=Failed',
    );
  });

  it('rejects the rest as built-in kinds do', () => {
    expect(badRequest(() => convertFieldSelector(parseFieldSelector('spec.foo=x'), pods))).toBe('field label not supported: spec.foo');
  });

  it('lets custom resources select their selectableFields', () => {
    const namespaced = customResourceFieldLabels(true, ['spec.color']);
    expect(convertFieldSelector(parseFieldSelector('spec.color=red,metadata.namespace=a'), namespaced).fields()).toEqual([
      'metadata.namespace',
      'spec.color',
    ]);
    expect(badRequest(() => convertFieldSelector(parseFieldSelector('metadata.namespace=a'), customResourceFieldLabels(false)))).toBe(
      'field label not supported: metadata.namespace',
    );
  });
});
