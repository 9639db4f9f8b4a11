export type { StatusFault } from './fault-status.js';
export type { ClusterFaults, FaultHandle, FaultMatch, FaultMatcher, FaultResponse, FaultSpec, LatencyFault, StaleListFault, WatchFault } from './faults.js';
export type { ExpiredStatus, WatchEnding } from './watch-cut.js';
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
export { MAX_RECORDED_BODY_BYTES, RecordedRequests, type RequestRecord, describeRequest } from './requests.js';
export { type ClusterSnapshot, type FakeCluster, type ResetOptions, type StartClusterOptions, startCluster } from './start-cluster.js';
export type { RestoreResult } from '@kubekit/store';
export { ClusterClock } from './clock.js';
