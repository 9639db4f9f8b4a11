import { defineConfig } from 'tsup';

export default defineConfig({
  // `schema` is a separate entry so that importing the package does not load zod (~100 ms).
  entry: { index: 'src/index.ts', 'schema/index': 'src/schema/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
