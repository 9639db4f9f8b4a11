import { describe } from 'vitest';
import type { Storage } from '../storage.js';
import { crudConformance } from './crud-conformance.js';
import type { MakeStorage } from './helpers.js';
import { listConformance } from './list-conformance.js';
import { propertyConformance } from './property-conformance.js';
import { watchConformance } from './watch-conformance.js';

export { WatchReader, describeItems, jsonOf } from './helpers.js';

/**
 * The storage conformance suite (as k8s.io/apiserver's storage tests run against every backend).
 * Call it at the top level of a vitest file; `makeStorage` runs once per test and gets a fresh,
 * empty store (or an empty key space). Revisions are only compared relative to each other, so a
 * backend whose revision counter is shared with other writers (etcd) passes too.
 */
export function runStorageConformance<S extends Storage>(
  name: string,
  makeStorage: () => S | Promise<S>,
): void {
  const make: MakeStorage<S> = makeStorage;
  describe(name, () => {
    crudConformance(make);
    listConformance(make);
    watchConformance(make);
    propertyConformance(make);
  });
}
