import { writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type ExampleServerOptions, type RunningExampleServer, makeServingCertificates, renderKubeconfig } from '@kubekit/example-server';
import { createServer } from '@kubekit/server';
import { KUBE_PATH, createApp } from './app.js';

export { KUBE_PATH, type Todo, createApp } from './app.js';

/**
 * Starts the app over HTTPS (a generated CA, embedded in the kubeconfig) or plain HTTP, and gives
 * a kubeconfig whose server is the app's URL and `/k8s`: what kubectl and client libraries need.
 */
export async function startExpressEmbed(options: ExampleServerOptions = {}): Promise<RunningExampleServer> {
  const host = options.host ?? '127.0.0.1';
  const server = await createServer(options);
  const app = createApp(server);
  const certificates = options.insecureHttp ? undefined : await makeServingCertificates(['localhost', '127.0.0.1', host]);
  const http = certificates ? createHttpsServer({ key: certificates.key, cert: certificates.cert }, app) : createHttpServer(app);
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const url = `${certificates ? 'https' : 'http'}://${host}:${port}${KUBE_PATH}`;
  const kubeconfig = renderKubeconfig({ server: url, ...(certificates && { caCert: certificates.caCert }) });
  if (options.kubeconfigPath) await writeFile(options.kubeconfigPath, kubeconfig, { mode: 0o600 });
  return {
    server,
    url,
    port,
    kubeconfig,
    async close() {
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await server.close();
    },
  };
}
