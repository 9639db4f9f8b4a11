/** A body that is not a valid Kubernetes protobuf message; its message is fit for a 400 BadRequest. */
export class ProtobufDecodeError extends Error {
  override name = 'ProtobufDecodeError';
}
