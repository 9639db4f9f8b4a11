import { describe, expect, it } from 'vitest';
import { ClusterClock } from './clock.js';

describe('ClusterClock', () => {
  it('follows its base, moved by advance() and set()', () => {
    let base = 1_000;
    const clock = new ClusterClock(() => base);
    expect(clock.now()).toBe(1_000);
    base = 1_500;
    expect(clock.now()).toBe(1_500);
    clock.advance(60_000);
    expect(clock.now()).toBe(61_500);
    clock.set(10_000);
    base = 2_000;
    expect(clock.now()).toBe(10_500);
  });

  it('stopped at a start time, moves only when told to', () => {
    let base = 1_000;
    const clock = new ClusterClock(() => base, new Date(Date.UTC(2026, 0, 1)));
    base = 99_999;
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1));
    clock.advance(90_000);
    expect(new Date(clock.now()).toISOString()).toBe('2026-01-01T00:01:30.000Z');
    clock.set(0);
    expect(clock.now()).toBe(0);
  });
});
