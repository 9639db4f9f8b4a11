import { defineConfig } from 'tsup';

// The packed package runs from its tarball alone (`npx ./kubekit-example-server-<version>.tgz`), and
// the @kubekit packages are not on npm: they are bundled in, read from source (the
// `@kubekit/source` condition) so `pack` needs no other package built first. Everything else
// stays external and is a pinned `dependencies` entry.
export default defineConfig({
  entry: ['src/index.ts', 'src/main.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  noExternal: [/^@kubekit\//],
  esbuildOptions(options) {
    options.conditions = ['@kubekit/source', 'node', 'import', 'module'];
  },
});
