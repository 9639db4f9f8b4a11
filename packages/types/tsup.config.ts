import { defineConfig } from 'tsup';

export default defineConfig({
  // `schema` and `protobuf` are separate entries so that importing the package loads neither zod
  // (~100 ms) nor protobufjs.
  entry: { index: 'src/index.ts', 'schema/index': 'src/schema/index.ts', 'protobuf/index': 'src/protobuf/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
