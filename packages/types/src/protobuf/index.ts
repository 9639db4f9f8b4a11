/**
 * `@kubekit/types/protobuf`: the `application/vnd.kubernetes.protobuf` wire format of the built-in
 * kinds, read and written from the facts table with a small wire reader and writer of its own.
 * A subpath because the main entry has no need of it; importing it costs ~2 ms.
 */
export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';
export { decodeKubernetesProtobuf, type DecodedProtobuf } from './decode.js';
export { encodeKubernetesProtobuf, type KubernetesObject } from './encode.js';
export { ProtobufDecodeError } from './errors.js';
