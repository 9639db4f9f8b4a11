import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerLog, LogLine } from '../node-connection.js';
import { type KubeServer, createServer } from '../server.js';
import { requester } from '../test-client.test-util.js';

let server: KubeServer;
let request: ReturnType<typeof requester>;

const T0 = Date.UTC(2026, 0, 1);
const lines: LogLine[] = ['a', 'b', 'c', 'd'].map((text, index) => ({ time: T0 + index * 1000, text }));
const log = (running: boolean): ContainerLog => ({ lines, running, follow: () => () => undefined });

beforeAll(async () => {
  server = await createServer({ now: () => T0 + 10_000 });
  request = requester(server.handle);
  server.connectNode('node-1', { containerLog: (_pod, container, previous) => (container === 'app' ? log(!previous) : undefined) });
  const pods = server.client.kind('v1', 'Pod');
  await pods.create({ metadata: { name: 'one', namespace: 'default' }, spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'busybox' }] } });
  await pods.create({ metadata: { name: 'two', namespace: 'default' }, spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'busybox' }, { name: 'side', image: 'busybox' }] } });
  await pods.create({ metadata: { name: 'far', namespace: 'default' }, spec: { nodeName: 'node-9', containers: [{ name: 'app', image: 'busybox' }] } });
  await pods.create({ metadata: { name: 'pending', namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'busybox' }] } });
});

afterAll(async () => {
  await server.close();
});

const text = (body: unknown) => (typeof body === 'string' ? body : Buffer.from(body as Uint8Array).toString());
const LOG = '/api/v1/namespaces/default/pods';

describe('GET pods/{name}/log', () => {
  it('answers the log as text/plain, with tailLines, sinceSeconds, timestamps and limitBytes', async () => {
    const whole = await request(`${LOG}/one/log`);
    expect([whole.status, whole.headers['content-type'], text(whole.body)]).toEqual([200, 'text/plain', 'a\nb\nc\nd\n']);
    expect(text((await request(`${LOG}/one/log?tailLines=2`)).body)).toBe('c\nd\n');
    expect(text((await request(`${LOG}/one/log?sinceSeconds=8`)).body)).toBe('c\nd\n');
    expect(text((await request(`${LOG}/one/log?timestamps=true&tailLines=1`)).body)).toBe('2026-01-01T00:00:03.000000000Z d\n');
    expect(text((await request(`${LOG}/one/log?limitBytes=3`)).body)).toBe('a\nb');
  });

  it('answers 400 for an ambiguous or unknown container, a missing previous run and a pod not yet scheduled; 500 without a kubelet', async () => {
    const message = async (path: string) => {
      const response = await request(path);
      return [response.status, (JSON.parse(text(response.body)) as { message: string }).message];
    };
    expect(await message(`${LOG}/two/log`)).toEqual([400, 'a container name must be specified for pod two, choose one of: [app side]']);
    expect(await message(`${LOG}/one/log?container=web`)).toEqual([400, 'container web is not valid for pod one']);
    expect(await message(`${LOG}/two/log?container=side&previous=true`)).toEqual([400, 'previous terminated container "side" in pod "two" not found']);
    expect(await message(`${LOG}/pending/log`)).toEqual([400, 'container "app" in pod "pending" is waiting to start: ContainerCreating']);
    expect((await message(`${LOG}/far/log`))[0]).toBe(500);
  });

  it('is a get only', async () => {
    expect((await request(`${LOG}/one/log`, { method: 'POST', body: {} })).status).toBe(405);
  });
});
