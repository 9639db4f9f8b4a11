import { describe, expect, it } from 'vitest';
import { strategicMergeSchemaFor } from './schema.js';
import { schemaOf } from './test-support.js';

describe('strategicMergeSchemaFor', () => {
  it('reads patch strategies and merge keys from the facts table', () => {
    const podSpec = schemaOf('/v1/Pod').lookupField('spec').schema;
    expect(podSpec.lookupList('containers')).toMatchObject({ strategies: ['merge'], mergeKey: 'name' });
    expect(podSpec.lookupList('volumes')).toMatchObject({ strategies: ['merge', 'retainKeys'], mergeKey: 'name' });
    expect(podSpec.lookupList('tolerations')).toMatchObject({ strategies: [], mergeKey: '' });
    const container = podSpec.lookupList('containers').schema;
    expect(container.lookupList('ports')).toMatchObject({ strategies: ['merge'], mergeKey: 'containerPort' });
    expect(container.lookupList('volumeMounts')).toMatchObject({ mergeKey: 'mountPath' });
    expect(container.lookupList('env')).toMatchObject({ mergeKey: 'name' });
    const deploymentSpec = schemaOf('apps/v1/Deployment').lookupField('spec').schema;
    expect(deploymentSpec.lookupField('strategy')).toMatchObject({ strategies: ['retainKeys'], mergeKey: '' });
    expect(schemaOf('/v1/Pod').lookupField('metadata').schema.lookupList('finalizers')).toMatchObject({ strategies: ['merge'] });
  });

  it('finds embedded fields and matches names as Go does, case-insensitively after the exact name', () => {
    const volume = schemaOf('/v1/Pod').lookupField('spec').schema.lookupList('volumes').schema;
    expect(volume.lookupField('configMap').schema.goKind).toBe('ptr');
    const podSpec = schemaOf('/v1/Pod').lookupField('spec').schema;
    expect(podSpec.lookupList('Containers')).toMatchObject({ mergeKey: 'name' });
  });

  it("fails lookups inside Go maps with upstream's error", () => {
    const labels = schemaOf('/v1/Pod').lookupField('metadata').schema.lookupField('labels').schema;
    expect(() => labels.lookupField('a')).toThrow(
      expect.objectContaining({ code: 'InternalError', message: 'merging an object in json but data type is not struct, instead is: map' }),
    );
  });

  it('is undefined for kinds the facts do not know', () => {
    expect(strategicMergeSchemaFor({ group: 'example.com', version: 'v1', kind: 'Foo' })).toBeUndefined();
    expect(strategicMergeSchemaFor({ group: 'apps', version: 'v1', kind: 'Deployment' })).toBeDefined();
  });
});
