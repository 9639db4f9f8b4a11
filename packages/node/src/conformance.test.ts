import { describeHttpConformance } from '@kubekit/http-conformance';
import { listen } from './index.js';

describeHttpConformance('@kubekit/node', async (server, { basePath }) => {
  const listener = await listen(server, { basePath });
  return { url: listener.url, close: () => listener.close() };
});
