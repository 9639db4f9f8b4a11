export { FIELD_MANAGER, type KubeObject, applyManifests } from './apply.js';
export { type Manifest, type ManifestSource, parseManifests, readManifests } from './manifests.js';
export { type ClusterSnapshot, type FakeCluster, type StartClusterOptions, startCluster } from './start-cluster.js';
export type { RestoreResult } from '@kubekit/store';
