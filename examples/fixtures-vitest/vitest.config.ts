import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // A controller converges in milliseconds; the 429 test waits out a 1 s Retry-After, and
    // client-node 2.x's informer waits 1 s before it relists.
    testTimeout: 20_000,
  },
});
