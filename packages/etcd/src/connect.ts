import { readFileSync } from 'node:fs';
import { noop } from 'cockatiel';
import { Etcd3, type IOptions } from 'etcd3';

/** Where etcd is and how to reach it: kube-apiserver's `--etcd-servers`, `--etcd-cafile`, `--etcd-certfile`, `--etcd-keyfile`. */
export interface EtcdConnectionOptions {
  /** Client URLs, such as `http://127.0.0.1:2379` or `https://etcd-0:2379`. */
  servers: readonly string[];
  /** PEM of the CA that signed etcd's serving certificate (or a path to it); enables TLS. */
  ca?: string | Buffer;
  /** PEM of the client certificate etcd asks for (or a path to it). */
  cert?: string | Buffer;
  /** PEM of the client certificate's key (or a path to it). */
  key?: string | Buffer;
}

const pem = (value: string | Buffer): Buffer => (Buffer.isBuffer(value) ? value : value.includes('-----BEGIN') ? Buffer.from(value) : readFileSync(value));

/**
 * An etcd3 client that fails fast instead of retrying behind the caller's back: the client's
 * default retries a failed call up to three times, which could apply a write twice, and its
 * circuit breaker would refuse calls for seconds after etcd came back. The storage sets deadlines
 * and reports errors itself.
 */
export function connectEtcd(options: EtcdConnectionOptions): Etcd3 {
  if (options.servers.length === 0) throw new Error('at least one etcd server is needed');
  const hosts = options.servers.map((server) => server.replace(/\/+$/, ''));
  const config: IOptions = {
    hosts,
    dialTimeout: 5_000,
    faultHandling: { global: noop, host: () => noop },
    grpcOptions: { 'grpc.max_receive_message_length': 256 * 1024 * 1024, 'grpc.keepalive_time_ms': 30_000 },
  };
  if (options.ca !== undefined) {
    config.credentials = {
      rootCertificate: pem(options.ca),
      ...(options.key !== undefined && { privateKey: pem(options.key) }),
      ...(options.cert !== undefined && { certChain: pem(options.cert) }),
    };
  }
  return new Etcd3(config);
}
