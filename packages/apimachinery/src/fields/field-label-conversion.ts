import { goQuote } from '../errors/go-format.js';
import { newBadRequest } from '../errors/request-errors.js';
import type { FieldLabelConversion, FieldSelector } from './field-selector.js';

/*
 * Which field labels a kind can be selected on, and the errors for the others. The apiserver runs
 * every term of a list or watch's fieldSelector through the kind's conversion and answers a
 * failure with 400 BadRequest and the error's text (k8s.io/apiserver endpoints/handlers/get.go).
 */

/**
 * runtime.DefaultMetaV1FieldSelectorConversion: kinds without their own conversion accept
 * metadata.name and metadata.namespace, and reject the rest with
 * `"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"`.
 */
export const defaultFieldLabelConversion: FieldLabelConversion = (field, value) => {
  if (field === 'metadata.name' || field === 'metadata.namespace') return [field, value];
  throw new Error(`${goQuote(field)} is not a known field selector: only "metadata.name", "metadata.namespace"`);
};

/**
 * The conversion built-in kinds and custom resources use (e.g. pkg/apis/core/v1/conversion.go for
 * Pods): the listed labels pass, `aliases` are renamed (Pods map `spec.host` to `spec.nodeName`),
 * and anything else fails with `field label not supported: spec.foo`.
 */
export function supportedFieldLabels(labels: readonly string[], aliases: Readonly<Record<string, string>> = {}): FieldLabelConversion {
  const supported = new Set(labels);
  return (field, value) => {
    if (supported.has(field)) return [field, value];
    if (Object.hasOwn(aliases, field)) return [aliases[field] ?? field, value];
    throw new Error(`field label not supported: ${field}`);
  };
}

/**
 * The labels a custom resource can be selected on (apiextensions-apiserver crConverter):
 * metadata.name, metadata.namespace when namespaced, and the CRD's selectableFields.
 */
export function customResourceFieldLabels(namespaced: boolean, selectableFields: readonly string[] = []): FieldLabelConversion {
  return supportedFieldLabels([...(namespaced ? ['metadata.name', 'metadata.namespace'] : ['metadata.name']), ...selectableFields]);
}

/** Runs a parsed selector through a kind's conversion; a rejected term is a 400 BadRequest. */
export function convertFieldSelector(selector: FieldSelector, conversion: FieldLabelConversion): FieldSelector {
  try {
    return selector.transform(conversion);
  } catch (error) {
    throw newBadRequest(error instanceof Error ? error.message : String(error));
  }
}
