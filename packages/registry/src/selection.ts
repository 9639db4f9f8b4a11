import { newBadRequest, parseFieldSelector, parseLabelSelector } from '@kubekit/apimachinery';
import type { Predicate } from '@kubekit/store';
import type { KubeObject } from './kube-object.js';
import type { ResourceDefinition } from './resource-definition.js';

/** The selectors of a list, watch or deletecollection request, as the client sent them. */
export interface SelectorOptions {
  labelSelector?: string;
  fieldSelector?: string;
}

/** Reads one selectable field of an object: metadata.name, metadata.namespace and the kind's own. */
export function fieldReader<T extends KubeObject>(definition: ResourceDefinition<T>): (object: T, field: string) => string | undefined {
  const own = definition.fieldSelectors ?? {};
  return (object, field) => {
    if (field === 'metadata.name') return object.metadata?.name ?? '';
    if (field === 'metadata.namespace') return object.metadata?.namespace ?? '';
    return own[field]?.(object);
  };
}

/**
 * Builds the store predicate for a request's selectors. An unparsable selector or a field the
 * kind cannot select on is 400 BadRequest, as the real server answers
 * (pkg/registry field label conversion: "field label not supported: …").
 */
export function selectionPredicate<T extends KubeObject>(
  definition: ResourceDefinition<T>,
  options: SelectorOptions,
): Predicate<T> | undefined {
  const labels = options.labelSelector ? parseLabelSelector(options.labelSelector) : undefined;
  const fields = options.fieldSelector ? parseFieldSelector(options.fieldSelector) : undefined;
  if (fields) {
    const known = new Set(['metadata.name', 'metadata.namespace', ...Object.keys(definition.fieldSelectors ?? {})]);
    for (const field of fields.fields()) {
      if (!known.has(field)) throw newBadRequest(`field label not supported: ${field}`);
    }
  }
  const emptyLabels = !labels || labels.empty();
  const emptyFields = !fields || fields.empty();
  if (emptyLabels && emptyFields) return undefined;
  const read = fieldReader(definition);
  return (object) =>
    (emptyLabels || labels.matches(object.metadata?.labels ?? {})) &&
    (emptyFields || fields.matches((field) => read(object, field)));
}
