/** A fresh process: import time of @kubekit/server, then createServer() to its first answered handle(). */
export {};
const t0 = performance.now();
const { createServer } = await import('@kubekit/server');
const t1 = performance.now();
const server = await createServer();
const response = await server.handle({ method: 'GET', url: '/api/v1/namespaces/default/pods', header: () => undefined, signal: new AbortController().signal });
const t2 = performance.now();
if (response.status !== 200) throw new Error(`first handle answered ${response.status}`);
await server.close();
process.send?.({ importMs: t1 - t0, startMs: t2 - t1 });
process.disconnect?.();
