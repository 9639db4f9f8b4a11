/**
 * Run with --expose-gc; argv[2] is the Pod count. Memory growth per stored Pod against its JSON
 * size: the V8 heap plus array buffers (the stored bytes of each object live outside the heap).
 */
import { createServer } from '@kubekit/server';
import { pod } from './pod.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const count = Number(process.argv[2] ?? '1000');
const settle = () => {
  for (let i = 0; i < 3; i++) gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};
const server = await createServer();
const pods = server.client.resource('v1', 'pods');
// Warm the create path so its one-off allocations are not counted per Pod.
await pods.create(pod('warm-up'), { namespace: 'default' });
const before = settle();
let jsonBytes = 0;
for (let i = 0; i < count; i++) {
  const created = await pods.create(pod(`pod-${i}`), { namespace: 'default' });
  jsonBytes += Buffer.byteLength(JSON.stringify(created));
}
const after = settle();
process.send?.({ count, memoryBytes: after - before, jsonBytes });
await server.close();
process.disconnect?.();
