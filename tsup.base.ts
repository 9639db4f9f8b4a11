import { type Options, defineConfig } from 'tsup';

/** How every library package builds: ESM and CJS with declarations, for Node 20. */
export function packageConfig(overrides: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    ...overrides,
  });
}
