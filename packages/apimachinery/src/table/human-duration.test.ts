import { describe, expect, it } from 'vitest';
import { humanDuration, shortHumanDuration, translateTimestampSince } from './human-duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

// Thresholds from k8s.io/apimachinery/pkg/util/duration/duration.go and the boundary cases of
// its duration_test.go (v0.35).
describe('humanDuration', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-2 * s + 1, '0s'],
    [0, '0s'],
    [s - 1, '0s'],
    [s, '1s'],
    [45 * s, '45s'],
    [70 * s, '70s'],
    [2 * m - 1, '119s'],
    [2 * m, '2m'],
    [2 * m + s, '2m1s'],
    [190 * s, '3m10s'],
    [200 * s, '3m20s'],
    [10 * m - 1, '9m59s'],
    [10 * m, '10m'],
    [10 * m + s, '10m'],
    [70 * m, '70m'],
    [3 * h - 1, '179m'],
    [3 * h, '3h'],
    [3 * h + m, '3h1m'],
    [8 * h - 1, '7h59m'],
    [8 * h, '8h'],
    [8 * h + 59 * m, '8h'],
    [47 * h, '47h'],
    [2 * d - 1, '47h'],
    [2 * d, '2d'],
    [2 * d + h, '2d1h'],
    [51 * h, '2d3h'],
    [8 * d - 1, '7d23h'],
    [8 * d, '8d'],
    [8 * d + 23 * h, '8d'],
    [367 * d, '367d'],
    [2 * y - 1, '729d'],
    [2 * y, '2y'],
    [2 * y + 23 * h + 59 * m, '2y'],
    [2 * y + d - 1, '2y'],
    [2 * y + d, '2y1d'],
    [3 * y + 120 * d, '3y120d'],
    [5 * y, '5y'],
    [8 * y - 1, '7y364d'],
    [8 * y, '8y'],
    [8 * y + 2 * h, '8y'],
    [9 * y, '9y'],
    [10 * y + 200 * d, '10y'],
  ])('%d ms → %s', (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });
});

describe('shortHumanDuration', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-s, '0s'],
    [59 * s, '59s'],
    [60 * s, '1m'],
    [59 * m, '59m'],
    [h, '1h'],
    [23 * h, '23h'],
    [d, '1d'],
    [364 * d, '364d'],
    [y, '1y'],
    [3 * y + 100 * d, '3y'],
  ])('%d ms → %s', (ms, expected) => {
    expect(shortHumanDuration(ms)).toBe(expected);
  });
});

// translateTimestampSince in k8s.io/kubernetes/pkg/printers/internalversion/printers.go.
describe('translateTimestampSince', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');

  it.each([
    [undefined, '<unknown>'],
    [null, '<unknown>'],
    ['', '<unknown>'],
    ['not a time', '<unknown>'],
    ['2026-11-23T12:00:00Z', '0s'],
    ['2026-11-23T11:59:15Z', '45s'],
    ['2026-11-23T11:56:40Z', '3m20s'],
    ['2026-11-21T09:00:00Z', '2d3h'],
    ['2026-11-23T12:00:05Z', '<invalid>'],
  ])('%j → %s', (timestamp, expected) => {
    expect(translateTimestampSince(timestamp, now)).toBe(expected);
    expect(translateTimestampSince(timestamp, new Date(now))).toBe(expected);
  });
});
