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

describe('ClusterClock timers', () => {
  it('fire when a stopped clock is moved past them, in order, and not when cancelled', () => {
    const clock = new ClusterClock(Date.now, 0);
    const fired: string[] = [];
    clock.after(2_000, () => fired.push('two'));
    clock.after(1_000, () => fired.push('one'));
    const cancel = clock.after(1_500, () => fired.push('cancelled'));
    cancel();
    clock.advance(999);
    expect(fired).toEqual([]);
    clock.advance(5_000);
    expect(fired).toEqual(['one', 'two']);
  });

  it('fire by the real time passing while the clock runs, or at once when it is moved past them', async () => {
    const clock = new ClusterClock();
    const fired: string[] = [];
    clock.after(1, () => fired.push('soon'));
    clock.after(3_600_000, () => fired.push('in an hour'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fired).toEqual(['soon']);
    clock.advance(3_600_000);
    expect(fired).toEqual(['soon', 'in an hour']);
  });
});
