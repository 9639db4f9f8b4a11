import { GRPCDeadlineExceededError, GRPCGenericError } from 'etcd3';
import { isStorageError, storageInternal, storageTimeout, storageUnavailable } from '@kubekit/store';

/**
 * Turns what the etcd client threw into a StorageError the registry answers with a Status: etcd's
 * own errors (`etcdserver: request timed out`) keep their words, as kube-apiserver passes them on;
 * a call past its deadline is a timeout; a connection that cannot be made is `Unavailable`.
 */
export function etcdStorageError(error: unknown, key: string): Error {
  if (isStorageError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  const server = message.indexOf('etcdserver: ');
  if (server >= 0) return storageInternal(key, message.slice(server));
  if (error instanceof GRPCDeadlineExceededError || /DEADLINE_EXCEEDED|deadline exceeded/i.test(message)) return storageTimeout(key);
  if (error instanceof GRPCGenericError || /UNAVAILABLE|ECONNREFUSED|closed/i.test(message)) {
    return storageUnavailable(key, `error reaching etcd: ${grpcDetails(message)}`);
  }
  return error instanceof Error ? error : new Error(message);
}

/** gRPC's message without its status prefix and resolver notes: `No connection established. Last error: connect ECONNREFUSED 127.0.0.1:2379`. */
function grpcDetails(message: string): string {
  return message
    .replace(/^\d+ [A-Z_]+: /, '')
    .replace(/\s*Resolution note:.*$/s, '')
    .replace(/Last error: Error: /, 'Last error: ')
    .trim();
}
