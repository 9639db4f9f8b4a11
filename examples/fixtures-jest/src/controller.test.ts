import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { CONFIG_MAP_NAME, TEAM_LABEL, type TeamController, startTeamController } from '@kubekit/example-team-controller';
import { type FakeCluster, startCluster } from '@kubekit/testing';
import { CoreV1Api, type KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { eventually } from './eventually.js';

// One cluster for the file, back to its first state after each test.
let cluster: FakeCluster;
let kubeConfig: KubeConfig;
let core: CoreV1Api;
let controller: TeamController | undefined;

beforeAll(async () => {
  cluster = await startCluster();
  kubeConfig = await cluster.kubeConfig();
  core = kubeConfig.makeApiClient(CoreV1Api);
});
afterAll(() => cluster.close());
afterEach(async () => {
  await controller?.stop();
  controller = undefined;
  await cluster.reset({ requests: true });
});

const startController = async () => (controller = await startTeamController(kubeConfig, { baseDelayMs: 50 }));
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const createTeamNamespace = (name: string, team: string) => core.createNamespace({ body: { metadata: { name, labels: { [TEAM_LABEL]: team } } } });
const setTeam = (name: string, team: string | null) => core.patchNamespace({ name, body: { metadata: { labels: { [TEAM_LABEL]: team } } } }, mergePatch);

/** Resolves once the namespace's ConfigMap names `team`. */
const teamOf = (namespace: string, team: string) =>
  eventually(cluster, async () => expect((await core.readNamespacedConfigMap({ namespace, name: CONFIG_MAP_NAME })).data).toEqual({ team }));

const requestsFor = (verb: string, resource: string) => cluster.requests.filter((request) => request.verb === verb && request.resource === resource);

describe('the team controller', () => {
  it('gives a labelled namespace its ConfigMap, follows the label, and removes the ConfigMap with it', async () => {
    await startController();
    await createTeamNamespace('shop', 'blue');
    await teamOf('shop', 'blue');

    await setTeam('shop', 'green');
    await teamOf('shop', 'green');

    await setTeam('shop', null);
    await eventually(cluster, () => expect(core.readNamespacedConfigMap({ namespace: 'shop', name: CONFIG_MAP_NAME })).rejects.toMatchObject({ code: 404 }));
  });

  it('reads again and retries when its update meets a 409 Conflict', async () => {
    await startController();
    await createTeamNamespace('shop', 'blue');
    await teamOf('shop', 'blue');
    cluster.faults.inject({ match: { verb: 'update', resource: 'configmaps' }, respond: { status: 409 } });

    await setTeam('shop', 'green');
    await teamOf('shop', 'green');
    expect(requestsFor('update', 'configmaps').map((request) => request.code)).toEqual([409, 200]);
  });

  it('relists when its watch answers 410 Expired, and misses nothing', async () => {
    // The informer's first watch delivers one event, then expires.
    cluster.faults.inject({ match: { verb: 'watch', resource: 'namespaces' }, respond: { watch: 'expired', afterEvents: 1 } });
    await startController();
    await createTeamNamespace('first', 'red');
    await createTeamNamespace('second', 'yellow');

    await teamOf('first', 'red');
    await teamOf('second', 'yellow');
    const namespaceReads = cluster.requests.filter((request) => request.resource === 'namespaces' && request.method === 'GET');
    expect(namespaceReads.map((request) => request.verb)).toEqual(['list', 'watch', 'list', 'watch']);
  });

  it('waits as long as a 429 Retry-After says before it tries again', async () => {
    await startController();
    cluster.faults.inject({ match: { verb: 'create', resource: 'configmaps' }, respond: { status: 429, retryAfterSeconds: 1 } });

    await createTeamNamespace('busy', 'purple');
    await teamOf('busy', 'purple');
    const [refused, accepted] = requestsFor('create', 'configmaps');
    expect([refused?.code, accepted?.code]).toEqual([429, 201]);
    expect(accepted!.startedAt - refused!.startedAt).toBeGreaterThanOrEqual(1000);
  });
});
