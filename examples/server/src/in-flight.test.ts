import { request } from 'node:http';
import { listen } from '@kubekit/node';
import type { ApiResponse } from '@kubekit/server';
import { describe, expect, it } from 'vitest';
import { trackResponses } from './in-flight.js';

describe('trackResponses', () => {
  it('counts responses under way and resolves once they are done, or false after the timeout', async () => {
    let answer: (response: ApiResponse) => void = () => undefined;
    const listener = await listen({ handle: () => new Promise<ApiResponse>((resolve) => (answer = resolve)) });
    const inFlight = trackResponses(listener.server);
    expect(await inFlight.settled(1)).toBe(true);
    const done = new Promise<number | undefined>((resolve, reject) => {
      request(listener.url, (res) => res.resume().on('end', () => resolve(res.statusCode)))
        .on('error', reject)
        .end();
    });
    await new Promise<void>((resolve) => listener.server.once('request', () => setImmediate(resolve)));
    expect(inFlight.count).toBe(1);
    expect(await inFlight.settled(10)).toBe(false);
    const settled = inFlight.settled(60_000);
    answer({ status: 204, headers: {} });
    expect(await settled).toBe(true);
    expect(inFlight.count).toBe(0);
    expect(await done).toBe(204);
    await listener.close();
  });
});
