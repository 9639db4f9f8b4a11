import { writeFile } from 'node:fs/promises';
import { listen } from '@kubekit/node';
import { type KubeServer, type ServerOptions, createServer } from '@kubekit/server';
import { renderKubeconfig } from './kubeconfig.js';
import { makeServingCertificates } from './tls.js';

export { renderKubeconfig, type KubeconfigOptions } from './kubeconfig.js';
export { makeServingCertificates, type ServingCertificates } from './tls.js';

export interface ExampleServerOptions extends ServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Serve plain HTTP instead of HTTPS with a generated CA. */
  insecureHttp?: boolean;
  /** Where to write the kubeconfig (nothing is written when absent). */
  kubeconfigPath?: string;
}

export interface RunningExampleServer {
  readonly server: KubeServer;
  readonly url: string;
  readonly port: number;
  /** A kubeconfig for this server, as text. */
  readonly kubeconfig: string;
  close(): Promise<void>;
}

/** Starts the example API server: the built-in kinds in memory, served over HTTPS by default. */
export async function startExampleServer(options: ExampleServerOptions = {}): Promise<RunningExampleServer> {
  const host = options.host ?? '127.0.0.1';
  const server = await createServer(options);
  const certificates = options.insecureHttp ? undefined : await makeServingCertificates(servingNames(host));
  const listener = await listen(server, {
    port: options.port ?? 0,
    host,
    ...(certificates && { tls: { key: certificates.key, cert: certificates.cert } }),
  });
  // A wildcard address is not one a client can dial: point the kubeconfig at loopback.
  const clientHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = `${certificates ? 'https' : 'http'}://${clientHost.includes(':') ? `[${clientHost}]` : clientHost}:${listener.port}`;
  const kubeconfig = renderKubeconfig({ server: url, ...(certificates && { caCert: certificates.caCert }) });
  if (options.kubeconfigPath) await writeFile(options.kubeconfigPath, kubeconfig, { mode: 0o600 });
  return {
    server,
    url,
    port: listener.port,
    kubeconfig,
    async close() {
      await listener.close();
      await server.close();
    },
  };
}

function servingNames(host: string): string[] {
  const names = new Set(['localhost', '127.0.0.1', '::1', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc']);
  if (host !== '0.0.0.0' && host !== '::') names.add(host);
  return [...names];
}
