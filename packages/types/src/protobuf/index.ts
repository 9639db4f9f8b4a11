/**
 * `@kubekit/types/protobuf`: the `application/vnd.kubernetes.protobuf` wire format of the built-in
 * kinds, read and written from the facts table. A subpath of its own so that importing the
 * package does not load protobufjs.
 */
export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';
export { decodeKubernetesProtobuf, type DecodedProtobuf } from './decode.js';
export { encodeKubernetesProtobuf, type KubernetesObject } from './encode.js';
export { ProtobufDecodeError } from './scalars.js';
