import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CONFIG_MAP_NAME, type TeamController, startTeamController } from '@kubekit/example-team-controller';
import { type FakeCluster, startCluster } from '@kubekit/testing';
import { eventually } from './eventually.js';

// kubectl, run against the fixture in a child process, with the controller running in this one.

const onPath = (tool: string) => (process.env['PATH'] ?? '').split(delimiter).some((dir) => existsSync(join(dir, tool)));
const run = promisify(execFile);

let cluster: FakeCluster;
let controller: TeamController;
// kubectl's discovery cache goes to a HOME of this file's own.
let home: string;

beforeAll(async () => {
  cluster = await startCluster();
  controller = await startTeamController(await cluster.kubeConfig());
  home = await mkdtemp(join(tmpdir(), 'fixtures-jest-'));
});
afterAll(async () => {
  await controller.stop();
  await cluster.close();
  await rm(home, { recursive: true, force: true });
});

const kubectl = async (...args: string[]) => (await run('kubectl', args, { env: { ...cluster.env(), HOME: home } })).stdout;

(onPath('kubectl') ? describe : describe.skip)('with kubectl', () => {
  it('labelling a namespace gives it the team ConfigMap', async () => {
    expect(await kubectl('create', 'namespace', 'web')).toBe('namespace/web created\n');
    expect(await kubectl('label', 'namespace', 'web', 'example.com/team=teal')).toBe('namespace/web labeled\n');

    await eventually(cluster, async () => expect(await kubectl('get', 'configmap', CONFIG_MAP_NAME, '-n', 'web', '-o', 'jsonpath={.data.team}')).toBe('teal'));
  });
});
