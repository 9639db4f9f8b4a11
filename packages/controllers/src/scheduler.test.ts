import { type KubeServer, createServer } from '@kubekit/server';
import type { Pod } from '@kubekit/types';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningControllers, startControllers } from './start-controllers.js';

let server: KubeServer;
let controllers: RunningControllers;

afterEach(async () => {
  await controllers?.stop();
  await server?.close();
});

const pod = (name: string, spec: Partial<Pod['spec']> = {}): Pod => ({ metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec } });

describe('the simulated scheduler', () => {
  it('places pods by nodeSelector, taints and cordon, and reports a pod that fits nowhere', async () => {
    server = await createServer();
    controllers = await startControllers(server, {
      nodes: [
        { name: 'gpu', labels: { accelerator: 'gpu' }, taints: [{ key: 'dedicated', value: 'ml', effect: 'NoSchedule' }] },
        { name: 'plain' },
        { name: 'cordoned', unschedulable: true },
      ],
    });
    const pods = server.client.kind('v1', 'Pod');
    await pods.create(pod('anywhere'));
    await pods.create(pod('tolerant', { nodeSelector: { accelerator: 'gpu' }, tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'ml', effect: 'NoSchedule' }] }));
    await pods.create(pod('intolerant', { nodeSelector: { accelerator: 'gpu' } }));
    await controllers.settled();

    const get = (name: string) => pods.get(name, { namespace: 'default' });
    expect((await get('anywhere')).spec?.nodeName).toBe('plain');
    expect((await get('tolerant')).spec?.nodeName).toBe('gpu');
    const unscheduled = await get('intolerant');
    expect(unscheduled.spec?.nodeName).toBeUndefined();
    expect(unscheduled.status?.conditions).toEqual([
      expect.objectContaining({
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message:
          "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: ml}, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
      }),
    ]);
    const events = await server.client.kind('v1', 'Event').list({ namespace: 'default' });
    expect(events.items.filter((event) => event.reason === 'FailedScheduling').map((event) => event.involvedObject.name)).toEqual(['intolerant']);
  });
});
