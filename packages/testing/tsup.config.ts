import { packageConfig } from '../../tsup.base.js';

// `manifests` is an entry of its own: reading manifest files needs none of the fixture (the
// example server's --seed bundles it alone).
export default packageConfig({ entry: { index: 'src/index.ts', manifests: 'src/manifests.ts' }, external: ['@kubernetes/client-node'] });
