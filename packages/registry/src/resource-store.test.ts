import { MemoryStorage, type Storage, type StoredObject, type TryUpdate, type UpdateOptions } from '@kubekit/store';
import { describe, expect, it } from 'vitest';
import type { AdmissionPlugin } from './admission.js';
import { Registry } from './registry.js';

/** A MemoryStorage that counts how often the guaranteedUpdates of ConfigMaps ran their tryUpdate. */
function countingStorage(): { storage: Storage; tries: () => number } {
  const storage = new MemoryStorage();
  let tries = 0;
  const guaranteedUpdate = storage.guaranteedUpdate.bind(storage);
  storage.guaranteedUpdate = <T extends StoredObject>(key: string, tryUpdate: TryUpdate<T>, options?: UpdateOptions) =>
    guaranteedUpdate<T>(key, (current) => {
      if (key.startsWith('/core/configmaps/')) tries++;
      return tryUpdate(current);
    }, options);
  return { storage, tries: () => tries };
}

async function concurrentAnnotations(admission: AdmissionPlugin[] = []) {
  const { storage, tries } = countingStorage();
  const registry = new Registry({ storage, admission });
  await registry.bootstrap();
  const configMaps = registry.resource('', 'v1', 'configmaps')!;
  await configMaps.create('default', { metadata: { name: 'x' } });
  const writes = Array.from({ length: 4 }, (_, i) =>
    configMaps.update('default', 'x', (current) => ({ ...current, metadata: { ...current.metadata, annotations: { ...current.metadata?.annotations, [`w${i}`]: 'y' } } })),
  );
  await Promise.all(writes);
  const stored = await configMaps.get('default', 'x');
  return { tries: tries(), annotations: stored.object.metadata?.annotations };
}

describe('concurrent updates of one object', () => {
  it('run each transform once while every step is synchronous: none loses its compare-and-swap', async () => {
    const { tries, annotations } = await concurrentAnnotations();
    expect(tries).toBe(4);
    expect(annotations).toEqual({ w0: 'y', w1: 'y', w2: 'y', w3: 'y' });
  });

  it('start again from the newer object when an asynchronous admission plugin lets another write land first', async () => {
    const slow: AdmissionPlugin = { name: 'Slow', admit: () => new Promise((resolve) => setImmediate(resolve)) };
    const { tries, annotations } = await concurrentAnnotations([slow]);
    expect(tries).toBeGreaterThan(4);
    expect(annotations).toEqual({ w0: 'y', w1: 'y', w2: 'y', w3: 'y' });
  });
});

describe('the order of an update (update.go: field manager, mutating admission, PrepareForUpdate, validation)', () => {
  it('bumps the generation for a spec that mutating admission changed, and validating admission sees the object as it will be stored', async () => {
    const seen: unknown[] = [];
    const replicasOfThree: AdmissionPlugin = {
      name: 'ThreeReplicas',
      admit: ({ operation, object, definition }) => {
        if (operation === 'UPDATE' && definition.kind === 'Deployment') (object as { spec: { replicas?: number } }).spec.replicas = 3;
      },
      validate: ({ operation, object, definition }) => {
        if (operation === 'UPDATE' && definition.kind === 'Deployment') seen.push(object);
      },
    };
    const registry = new Registry({ admission: [replicasOfThree] });
    await registry.bootstrap();
    const deployments = registry.resource('apps', 'v1', 'deployments')!;
    const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };
    await deployments.create('default', { metadata: { name: 'web' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template } });
    const updated = await deployments.update('default', 'web', (current) => ({ ...current, metadata: { ...current.metadata, labels: { touched: 'yes' } } }));
    expect(updated.object.spec).toMatchObject({ replicas: 3 });
    expect(updated.object.metadata?.generation).toBe(2);
    expect(seen).toHaveLength(1);
    expect(Object.isFrozen(seen[0])).toBe(true);
    expect(seen[0]).toMatchObject({ spec: { replicas: 3 }, metadata: { generation: 2, labels: { touched: 'yes' } } });
  });
});
