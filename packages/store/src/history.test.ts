import { describe, expect, it } from 'vitest';
import { History } from './history.js';
import type { Version } from './version.js';

const version = (resourceVersion: number): Version => ({ key: `/k${resourceVersion}`, resourceVersion, item: undefined, prev: undefined, event: undefined });
const revisions = (versions: Version[]) => versions.map((v) => v.resourceVersion);

describe('History', () => {
  it('keeps the last `window` writes and raises the floor as older ones leave', () => {
    const history = new History(3, 10);
    expect(history.floor).toBe(10);
    for (let rv = 11; rv <= 13; rv++) expect(history.push(version(rv))).toEqual([]);
    expect(revisions(history.push(version(14)))).toEqual([11]);
    expect(history.floor).toBe(11);
    expect(revisions(history.since(11))).toEqual([12, 13, 14]);
    expect(revisions(history.since(13))).toEqual([14]);
    expect(history.since(14)).toEqual([]);
  });

  it('drops everything up to a revision on demand, like a compaction', () => {
    const history = new History(100, 0);
    for (let rv = 1; rv <= 5; rv++) history.push(version(rv));
    expect(revisions(history.dropThrough(3))).toEqual([1, 2, 3]);
    expect([history.floor, history.size]).toEqual([3, 2]);
    expect(history.dropThrough(2)).toEqual([]);
    expect(history.floor).toBe(3);
  });

  it('keeps nothing with a zero window, and stays indexable over many writes', () => {
    const empty = new History(0, 0);
    expect(revisions(empty.push(version(1)))).toEqual([1]);
    expect([empty.floor, empty.size]).toEqual([1, 0]);
    const history = new History(10, 0);
    for (let rv = 1; rv <= 5000; rv++) history.push(version(rv));
    expect(revisions(history.since(4995))).toEqual([4996, 4997, 4998, 4999, 5000]);
  });

  it('keeps revisions with gaps between them (one prefix of a shared etcd revision counter)', () => {
    const history = new History(2, 10);
    for (const rv of [12, 15, 19]) history.push(version(rv));
    expect(history.floor).toBe(12);
    expect(revisions(history.since(12))).toEqual([15, 19]);
    expect(revisions(history.since(16))).toEqual([19]);
    expect(revisions(history.dropThrough(17))).toEqual([15]);
    expect([history.floor, history.size]).toEqual([17, 1]);
  });
});
