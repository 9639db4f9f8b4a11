import { FieldSet } from './field-set.js';
import { fieldElement } from './path-element.js';

/** Top-level fields no entry ever owns (stripMetaManager). */
export const UNOWNED_TOP_FIELDS: ReadonlySet<string> = new Set(['apiVersion', 'kind']);

/** System metadata no entry ever owns; `metadata` itself is not owned either. */
export const UNOWNED_METADATA_FIELDS: ReadonlySet<string> = new Set([
  'name',
  'namespace',
  'creationTimestamp',
  'selfLink',
  'uid',
  'clusterName',
  'generation',
  'managedFields',
  'resourceVersion',
]);

/** The same, as the set a writer's fields lose. */
export const UNOWNED: FieldSet = (() => {
  const set = FieldSet.empty();
  for (const field of UNOWNED_TOP_FIELDS) set.insert([fieldElement(field)]);
  set.insert([fieldElement('metadata')]);
  for (const field of UNOWNED_METADATA_FIELDS) set.insert([fieldElement('metadata'), fieldElement(field)]);
  return set;
})();
