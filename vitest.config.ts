import { configDefaults, defineConfig } from 'vitest/config';

// Tests import workspace packages from their sources (the `@kubekit/source` export condition),
// so no build is needed before `vitest`.
// Vitest runs tests in Vite's SSR mode, whose resolve conditions are separate from the browser's.
const conditions = ['@kubekit/source', 'module', 'node', 'development|production'];
const resolve = { conditions };
const ssr = { resolve: { conditions, externalConditions: ['@kubekit/source'] } };

export default defineConfig({
  resolve,
  ssr,
  test: {
    reporters: ['default', './scripts/summary-reporter.ts'],
    projects: [
      {
        resolve,
        ssr,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'examples/*/src/**/*.test.ts'],
          // The fixture examples run with their own runner and config, from e2e/src/fixtures-examples.test.ts.
          exclude: [...configDefaults.exclude, 'examples/fixtures-*/**'],
        },
      },
      {
        resolve,
        ssr,
        test: {
          name: 'e2e',
          include: ['e2e/src/**/*.test.ts'],
          globalSetup: ['e2e/src/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
