import { describe, expect, it } from 'vitest';
import { handOver, writable } from './kube-object.js';

describe('writable', () => {
  it('takes an object handed over once, and copies it after that', () => {
    const object = handOver({ metadata: { name: 'a' }, data: { k: 'v' } });
    expect(writable(object)).toBe(object);
    const again = writable(object);
    expect(again).not.toBe(object);
    expect(again).toEqual(object);
  });

  it('copies what was not handed over, sharing only the managed fields list', () => {
    const managedFields = Object.freeze([Object.freeze({ manager: 'm' })]);
    const object = { metadata: { name: 'a', managedFields }, spec: { x: [1] } };
    const copy = writable(object);
    expect(copy).toEqual(object);
    expect(copy.spec).not.toBe(object.spec);
    expect(copy.metadata.managedFields).toBe(managedFields);
  });
});
