import { packageConfig } from '../../tsup.base.js';

export default packageConfig({
  // `node-http` is for adapters over Node's request and response (`@kubekit/node`, `@kubekit/express`):
  // a separate entry, so the main one stays free of Node's HTTP types for fetch runtimes.
  entry: { index: 'src/index.ts', 'node-http/index': 'src/node-http/index.ts' },
});
