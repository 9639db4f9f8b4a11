import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.js';

const draw = (random: () => number, count: number) => Array.from({ length: count }, random);

describe('seededRandom', () => {
  it('gives the same numbers in [0, 1) for the same seed, others for another', () => {
    const first = draw(seededRandom(7), 50);
    expect(draw(seededRandom(7), 50)).toEqual(first);
    expect(draw(seededRandom(8), 50)).not.toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
  });
});
