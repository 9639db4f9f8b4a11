export { FIELD_MANAGER, type KubeObject, applyManifests } from './apply.js';
export {
  type Manifest,
  type ManifestDocument,
  ManifestError,
  type ManifestSource,
  parseManifestDocuments,
  parseManifests,
  readManifestDocuments,
  readManifestPath,
  readManifests,
} from './manifests.js';
export { type ClusterSnapshot, type FakeCluster, type StartClusterOptions, startCluster } from './start-cluster.js';
export type { RestoreResult } from '@kubekit/store';
