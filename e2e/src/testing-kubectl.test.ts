import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type FakeCluster, startCluster } from '@kubekit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolsBin } from './clients.js';

// Real kubectl v1.35 against @kubekit/testing's fake cluster, through the environment its env() gives.

const run = promisify(execFile);
let cluster: FakeCluster;
let home: string;

/** kubectl with the cluster's environment; HOME holds a discovery cache of this file's own. */
const kubectl = (...args: string[]) => run(join(toolsBin, 'kubectl'), args, { env: { ...cluster.env(), HOME: home } });

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'kubekit-e2e-testing-'));
  cluster = await startCluster({ seed: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: seeded\ndata:\n  mode: fast\n' });
});

afterAll(async () => {
  await cluster?.close();
  await rm(home, { recursive: true, force: true });
});

describe('@kubekit/testing with kubectl', () => {
  it('trusts the HTTPS kubeconfig from KUBECONFIG and sees the seed, then the reset state', async () => {
    const { stdout } = await kubectl('get', 'configmaps', '-o', 'name');
    expect(stdout).toBe('configmap/seeded\n');
    await kubectl('create', 'configmap', 'extra', '--from-literal=a=b');
    expect((await kubectl('get', 'configmaps', '-o', 'name')).stdout).toBe('configmap/extra\nconfigmap/seeded\n');
    await cluster.reset();
    expect((await kubectl('get', 'configmaps', '-o', 'name')).stdout).toBe('configmap/seeded\n');
    expect((await kubectl('get', 'configmap', 'seeded', '-o', 'jsonpath={.data.mode}')).stdout).toBe('fast');
  });
});
