import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { CONFIG_MAP_NAME, startTeamController } from '@kubekit/example-team-controller';
import { startCluster } from '@kubekit/testing';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// kubectl and helm, run against the fixture in child processes, with the controller running in
// this one: what a developer would type, checked.

const onPath = (tool: string) => (process.env['PATH'] ?? '').split(delimiter).some((dir) => existsSync(join(dir, tool)));
const run = promisify(execFile);

const cluster = await startCluster();
const kubeConfig = await cluster.kubeConfig();
const controller = await startTeamController(kubeConfig);
// kubectl's discovery cache and helm's settings go to a HOME of this file's own.
let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'fixtures-vitest-'));
});
afterAll(async () => {
  await controller.stop();
  await cluster.close();
  await rm(home, { recursive: true, force: true });
});

const eventually = (check: () => unknown) => vi.waitFor(check, { timeout: 10_000, interval: 20 });
const tool = (name: string) => async (...args: string[]) => (await run(name, args, { env: { ...cluster.env(), HOME: home } })).stdout;
const kubectl = tool('kubectl');
const helm = tool('helm');

describe.skipIf(!onPath('kubectl'))('with kubectl', () => {
  it('labelling a namespace gives it the team ConfigMap', async () => {
    expect(await kubectl('create', 'namespace', 'web')).toBe('namespace/web created\n');
    expect(await kubectl('label', 'namespace', 'web', 'example.com/team=teal')).toBe('namespace/web labeled\n');

    await eventually(async () => expect(await kubectl('get', 'configmap', CONFIG_MAP_NAME, '-n', 'web', '-o', 'jsonpath={.data.team}')).toBe('teal'));
  });
});

describe.skipIf(!onPath('helm'))('with helm', () => {
  it('a chart that installs a labelled namespace gets the team ConfigMap', async () => {
    const chart = join(import.meta.dirname, '..', 'chart');
    expect(await helm('install', 'payments', chart, '--set', 'team=orange')).toMatch(/^STATUS: deployed$/m);

    const core = kubeConfig.makeApiClient(CoreV1Api);
    await eventually(async () => expect((await core.readNamespacedConfigMap({ namespace: 'payments', name: CONFIG_MAP_NAME })).data).toEqual({ team: 'orange' }));
    expect(await helm('list', '-o', 'json')).toContain('"name":"payments"');
  });
});
