import { describe, expect, it } from 'vitest';
import { ClusterIPAllocator } from './cluster-ip.js';

describe('ClusterIPAllocator', () => {
  it('allocates distinct addresses inside the range', () => {
    const allocator = new ClusterIPAllocator('10.96.0.0/28');
    allocator.reserve(allocator.first());
    const seen = new Set<string>();
    for (let i = 0; i < 13; i++) seen.add(allocator.allocate());
    expect(seen.size).toBe(13);
    expect(seen.has('10.96.0.1')).toBe(false);
    for (const ip of seen) expect(ip).toMatch(/^10\.96\.0\.(\d|1[0-4])$/);
    expect(() => allocator.allocate()).toThrow(/full/);
  });

  it('starts the range at the kubernetes Service address', () => {
    expect(new ClusterIPAllocator('10.96.0.0/12').first()).toBe('10.96.0.1');
  });
});
