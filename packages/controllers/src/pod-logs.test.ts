import { type KubeServer, createServer } from '@kubekit/server';
import type { ContainerStatus, Pod } from '@kubekit/types';
import { afterEach, describe, expect, it } from 'vitest';
import { podLogs } from './pod-logs.js';

let server: KubeServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const client = () => server!.client;

const started = (at: string) => ({ startedAt: at });

/** A pod written with the status a kubelet would report, without any kubelet running. */
async function podWith(status: ContainerStatus, annotations: Record<string, string> = {}): Promise<Pod> {
  server ??= await createServer();
  const pods = server.client.kind('v1', 'Pod');
  const created = await pods.create({ metadata: { generateName: 'p-', namespace: 'default', annotations }, spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'busybox' }] } });
  return pods.updateStatus({ ...created, status: { ...created.status, containerStatuses: [status] } });
}

const base = { name: 'app', image: 'docker.io/library/busybox:latest', imageID: '', ready: true, restartCount: 0 };

describe('podLogs: a simulated container log read from the pod status (the kubelet validateContainerLogStatus rules)', () => {
  it('reads the running run: its scripted lines, stamped from its start', async () => {
    const pod = await podWith({ ...base, state: { running: started('2026-12-05T10:00:00Z') } }, { 'kubekit.dev/log': 'one\ntwo\n' });
    const log = podLogs(client()).containerLog(pod, 'app', false)!;
    expect(log.running).toBe(true);
    expect(log.lines).toEqual([
      { time: Date.parse('2026-12-05T10:00:00Z'), text: 'one' },
      { time: Date.parse('2026-12-05T10:00:00Z') + 1, text: 'two' },
    ]);
  });

  it('reads the last terminated run as previous, and as current while the container waits to start again', async () => {
    const pod = await podWith({
      ...base,
      restartCount: 2,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { exitCode: 1, startedAt: '2026-12-05T10:01:00Z', finishedAt: '2026-12-05T10:01:05Z' } },
    });
    const logs = podLogs(client());
    const current = logs.containerLog(pod, 'app', false)!;
    expect(current).toMatchObject({ running: false, lines: [{ time: Date.parse('2026-12-05T10:01:00Z'), text: 'app started from docker.io/library/busybox:latest' }] });
    expect(logs.containerLog(pod, 'app', true)?.lines).toEqual(current.lines);
  });

  it('has no run for a container that has not started, nor a previous one before its first restart', async () => {
    const waiting = await podWith({ ...base, state: { waiting: { reason: 'ContainerCreating' } } });
    expect(podLogs(client()).containerLog(waiting, 'app', false)).toBeUndefined();
    const running = await podWith({ ...base, state: { running: started('2026-12-05T10:00:00Z') } });
    expect(podLogs(client()).containerLog(running, 'app', true)).toBeUndefined();
    expect(podLogs(client()).containerLog(running, 'other', false)).toBeUndefined();
  });

  it('ends a followed log once the pod status says the run is over', async () => {
    const pod = await podWith({ ...base, state: { running: started('2026-12-05T10:00:00Z') } });
    const log = podLogs(client()).containerLog(pod, 'app', false)!;
    const ended = new Promise<unknown>((resolve) => log.follow(resolve));
    const pods = client().kind('v1', 'Pod');
    const current = await pods.get(pod.metadata!.name!, { namespace: 'default' });
    await pods.updateStatus({ ...current, status: { ...current.status, containerStatuses: [{ ...base, state: { terminated: { exitCode: 0, startedAt: '2026-12-05T10:00:00Z', finishedAt: '2026-12-05T10:00:09Z' } } }] } });
    expect(await ended).toBeUndefined();
  });
});
