import { CONFIG_MAP_NAME, TEAM_LABEL, startTeamController } from '@kubekit/example-team-controller';
import { startCluster } from '@kubekit/testing';
import { CoreV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { afterAll, afterEach, describe, expect, it, onTestFailed, onTestFinished, vi } from 'vitest';

// One cluster for the file, back to its first state after each test.
const cluster = await startCluster();
const kubeConfig = await cluster.kubeConfig();
const core = kubeConfig.makeApiClient(CoreV1Api);
afterAll(() => cluster.close());
afterEach(() => cluster.reset({ requests: true }));

/** Starts the controller for this test; the requests it made are printed if the test fails. */
async function startController() {
  onTestFailed(() => console.log(cluster.requests.dump()));
  const controller = await startTeamController(kubeConfig, { baseDelayMs: 50 });
  onTestFinished(() => controller.stop());
  return controller;
}

const createTeamNamespace = (name: string, team: string) => core.createNamespace({ body: { metadata: { name, labels: { [TEAM_LABEL]: team } } } });

/** vi.waitFor gives up after 1 s by default; a retry after a 429 or a relist may take longer. */
const eventually = (check: () => unknown) => vi.waitFor(check, { timeout: 10_000, interval: 20 });

/** Resolves once the namespace's ConfigMap names `team`. */
const teamOf = (namespace: string, team: string) =>
  eventually(async () => {
    const configMap = await core.readNamespacedConfigMap({ namespace, name: CONFIG_MAP_NAME });
    expect(configMap.data).toEqual({ team });
  });

const requestsFor = (verb: string, resource: string) => cluster.requests.filter((request) => request.verb === verb && request.resource === resource);

describe('the team controller', () => {
  it('gives a labelled namespace its ConfigMap, follows the label, and removes the ConfigMap with it', async () => {
    await startController();
    await createTeamNamespace('shop', 'blue');
    await teamOf('shop', 'blue');

    await core.patchNamespace({ name: 'shop', body: { metadata: { labels: { [TEAM_LABEL]: 'green' } } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    await teamOf('shop', 'green');

    await core.patchNamespace({ name: 'shop', body: { metadata: { labels: { [TEAM_LABEL]: null } } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    await eventually(() => expect(core.readNamespacedConfigMap({ namespace: 'shop', name: CONFIG_MAP_NAME })).rejects.toMatchObject({ code: 404 }));
  });

  it('reads again and retries when its update meets a 409 Conflict', async () => {
    await startController();
    await createTeamNamespace('shop', 'blue');
    await teamOf('shop', 'blue');
    cluster.faults.inject({ match: { verb: 'update', resource: 'configmaps' }, respond: { status: 409 } });

    await core.patchNamespace({ name: 'shop', body: { metadata: { labels: { [TEAM_LABEL]: 'green' } } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
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
