import { startCluster } from '@kubekit/testing';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, expect, it } from 'vitest';

// The first example of docs/testing.md, as it is printed there.
const cluster = await startCluster();
const core = (await cluster.kubeConfig()).makeApiClient(CoreV1Api);
afterAll(() => cluster.close());

it('lists the system namespaces', async () => {
  const list = await core.listNamespace();
  expect(list.items.map((namespace) => namespace.metadata?.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
});
