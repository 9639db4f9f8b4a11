import { describe, expect, it } from 'vitest';
import type { Storage, StoredItem } from '../storage.js';
import { type MakeStorage, type TestObject, WatchReader, jsonOf, key, storageError, testObject, useStorage } from './helpers.js';

function expectDeeplyFrozen(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  expect(Object.isFrozen(value)).toBe(true);
  for (const child of Object.values(value)) expectDeeplyFrozen(child);
}

function expectConsistent(item: StoredItem, expectedKey: string): void {
  expect(item.key).toBe(expectedKey);
  expect(item.object.metadata?.resourceVersion).toBe(String(item.resourceVersion));
  expect(jsonOf(item)).toBe(JSON.stringify(item.object));
  expectDeeplyFrozen(item.object);
}

export function crudConformance<S extends Storage>(makeStorage: MakeStorage<S>): void {
  const storage = useStorage(makeStorage);

  describe('create and get', () => {
    it('stores a frozen copy stamped with the write revision, serialized once', async () => {
      const input = testObject('a', { app: 'web' }, { containers: [{ name: 'c' }] });
      const before = structuredClone(input);
      const created = await storage().create(key('a'), input);
      expectConsistent(created, key('a'));
      expect(input).toEqual(before);
      expect(created.object).toEqual({ ...before, metadata: { ...before.metadata, resourceVersion: String(created.resourceVersion) } });
      expect(created.resourceVersion).toBeGreaterThan(0);
      expect(await storage().currentResourceVersion()).toBeGreaterThanOrEqual(created.resourceVersion);
      const read = await storage().get(key('a'));
      expectConsistent(read, key('a'));
      expect(jsonOf(read)).toBe(jsonOf(created));
    });

    it('does not let the caller reach the stored object afterwards', async () => {
      const input = testObject('a', { app: 'web' });
      await storage().create(key('a'), input);
      input.metadata.labels!.app = 'changed';
      expect((await storage().get<TestObject>(key('a'))).object.metadata.labels).toEqual({ app: 'web' });
    });

    it('ignores a resourceVersion in the input', async () => {
      const created = await storage().create(key('a'), { ...testObject('a'), metadata: { name: 'a', uid: 'u', resourceVersion: '999999' } });
      expect(created.object.metadata?.resourceVersion).toBe(String(created.resourceVersion));
    });

    it('fails with KeyExists for a present key and KeyNotFound for a missing one', async () => {
      await storage().create(key('a'), testObject('a'));
      await storageError(storage().create(key('a'), testObject('a')), 'KeyExists');
      await storageError(storage().get(key('missing')), 'KeyNotFound');
    });

    it('gives every write a larger revision than the one before', async () => {
      const a = await storage().create(key('a'), testObject('a'));
      const b = await storage().create(key('b'), testObject('b'));
      const c = await storage().guaranteedUpdate(key('a'), (current) => ({ ...current.object, spec: { n: 1 } }));
      const d = await storage().delete(key('b'));
      const revisions = [a, b, c, d].map((item) => item.resourceVersion);
      for (let i = 1; i < revisions.length; i++) expect(revisions[i]).toBeGreaterThan(revisions[i - 1]!);
    });
  });

  describe('guaranteedUpdate', () => {
    it('writes what tryUpdate returns, given the current item', async () => {
      const created = await storage().create(key('a'), testObject('a'));
      const updated = await storage().guaranteedUpdate<TestObject>(key('a'), (current) => {
        expect(jsonOf(current)).toBe(jsonOf(created));
        return { ...current.object, spec: { replicas: 2 } };
      });
      expectConsistent(updated, key('a'));
      expect(updated.resourceVersion).toBeGreaterThan(created.resourceVersion);
      expect(updated.object.spec).toEqual({ replicas: 2 });
      expect(jsonOf(await storage().get(key('a')))).toBe(jsonOf(updated));
    });

    it('fails with KeyNotFound for a missing key', async () => {
      await storageError(storage().guaranteedUpdate(key('missing'), (current) => current.object), 'KeyNotFound');
    });

    it('writes nothing and emits nothing when the result equals the current object', async () => {
      const created = await storage().create(key('a'), testObject('a', { app: 'web' }, { x: 1 }));
      const watch = new WatchReader(await storage().watch('/pods/ns/', { resourceVersion: created.resourceVersion }));
      const same = await storage().guaranteedUpdate<TestObject>(key('a'), (current) => ({
        spec: { x: 1 },
        ...current.object,
        metadata: { ...current.object.metadata, resourceVersion: '12345' },
      }));
      expect(same).toEqual(created);
      expect((await storage().get(key('a'))).resourceVersion).toBe(created.resourceVersion);
      const marker = await storage().create(key('marker'), testObject('marker'));
      expect((await watch.take(1))[0]).toMatchObject({ type: 'ADDED', key: key('marker'), resourceVersion: marker.resourceVersion });
    });

    it('checks preconditions with the Kubernetes wording', async () => {
      const created = await storage().create(key('a'), testObject('a'));
      let n = 0;
      const update = (preconditions: { uid?: string; resourceVersion?: string }) =>
        storage().guaranteedUpdate(key('a'), (current) => ({ ...current.object, spec: { n: ++n } }), { preconditions });
      const uid = await storageError(update({ uid: 'other' }), 'PreconditionFailed');
      expect(uid.message).toBe('Precondition failed: UID in precondition: other, UID in object meta: uid-a');
      const stale = String(created.resourceVersion + 1000);
      const rv = await storageError(update({ resourceVersion: stale }), 'PreconditionFailed');
      expect(rv.message).toBe(
        `Precondition failed: ResourceVersion in precondition: ${stale}, ResourceVersion in object meta: ${created.resourceVersion}`,
      );
      const ok = await update({ uid: 'uid-a', resourceVersion: String(created.resourceVersion) });
      expect(ok.resourceVersion).toBeGreaterThan(created.resourceVersion);
    });

    it('passes errors from tryUpdate through unchanged and writes nothing', async () => {
      const created = await storage().create(key('a'), testObject('a'));
      const failure = new Error('refused');
      let calls = 0;
      const result = storage().guaranteedUpdate(key('a'), async () => {
        calls++;
        throw failure;
      });
      await expect(result).rejects.toBe(failure);
      expect(calls).toBe(1);
      expect((await storage().get(key('a'))).resourceVersion).toBe(created.resourceVersion);
    });

    it('calls tryUpdate again with the fresh object when a write lands while it runs', async () => {
      await storage().create(key('a'), testObject('a', {}, { a: 0, b: 0 }));
      const seen: unknown[] = [];
      const slow = storage().guaranteedUpdate<TestObject>(key('a'), async (current) => {
        seen.push(current.object.spec);
        if (seen.length === 1) {
          await storage().guaranteedUpdate<TestObject>(key('a'), (inner) => ({ ...inner.object, spec: { ...inner.object.spec, b: 1 } }));
        }
        return { ...current.object, spec: { ...current.object.spec, a: 1 } };
      });
      expect((await slow).object.spec).toEqual({ a: 1, b: 1 });
      expect(seen).toEqual([{ a: 0, b: 0 }, { a: 0, b: 1 }]);
    });

    it('fails with KeyNotFound when the key is deleted while tryUpdate runs', async () => {
      await storage().create(key('a'), testObject('a'));
      const update = storage().guaranteedUpdate(key('a'), async (current) => {
        await storage().delete(key('a'));
        return { ...current.object, spec: { n: 1 } };
      });
      await storageError(update, 'KeyNotFound');
    });
  });

  describe('delete', () => {
    it('returns the object stamped with the deletion revision and removes the key', async () => {
      const created = await storage().create(key('a'), testObject('a'));
      const deleted = await storage().delete(key('a'));
      expectConsistent(deleted, key('a'));
      expect(deleted.resourceVersion).toBeGreaterThan(created.resourceVersion);
      expect({ ...deleted.object, metadata: { ...deleted.object.metadata, resourceVersion: '' } }).toEqual({
        ...created.object,
        metadata: { ...created.object.metadata, resourceVersion: '' },
      });
      await storageError(storage().get(key('a')), 'KeyNotFound');
      await storageError(storage().delete(key('a')), 'KeyNotFound');
      const again = await storage().create(key('a'), testObject('a'));
      expect(again.resourceVersion).toBeGreaterThan(deleted.resourceVersion);
    });

    it('checks preconditions', async () => {
      const created = await storage().create(key('a'), testObject('a'));
      const error = await storageError(storage().delete(key('a'), { preconditions: { uid: 'x' } }), 'PreconditionFailed');
      expect(error.message).toBe('Precondition failed: UID in precondition: x, UID in object meta: uid-a');
      const stale = String(created.resourceVersion + 1000);
      await storageError(storage().delete(key('a'), { preconditions: { resourceVersion: stale } }), 'PreconditionFailed');
      await storage().delete(key('a'), { preconditions: { uid: 'uid-a', resourceVersion: String(created.resourceVersion) } });
    });

    it('keeps the object when validateDeletion throws', async () => {
      await storage().create(key('a'), testObject('a'));
      const refusal = new Error('has finalizers');
      await expect(storage().delete(key('a'), { validateDeletion: () => Promise.reject(refusal) })).rejects.toBe(refusal);
      await storage().get(key('a'));
    });

    it('validates again against the fresh object when a write lands during validation', async () => {
      await storage().create(key('a'), testObject('a', {}, { n: 0 }));
      const validated: unknown[] = [];
      const deleted = await storage().delete<TestObject>(key('a'), {
        validateDeletion: async (current) => {
          validated.push(current.spec);
          if (validated.length === 1) await storage().guaranteedUpdate<TestObject>(key('a'), (item) => ({ ...item.object, spec: { n: 1 } }));
        },
      });
      expect(validated).toEqual([{ n: 0 }, { n: 1 }]);
      expect(deleted.object.spec).toEqual({ n: 1 });
    });
  });
}
