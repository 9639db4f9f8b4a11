import { chmod } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from './harness.js';

// Real kubectl v1.35 commands that PATCH: client-side apply (strategic merge with
// $setElementOrder), patch of every type, label, annotate, scale, rollout restart, set image,
// diff (a dry-run PATCH) and edit. Output and exit codes are kubectl's against a real cluster.

let cluster: Cluster;

interface Container {
  name: string;
  image: string;
  env?: { name: string; value: string }[];
}

const deployment = (containers: Container[], replicas = 1) =>
  JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers } },
    },
  });

async function ok(args: string[], stdin?: string, env?: Record<string, string>) {
  const result = await cluster.kubectl(args, { ...(stdin !== undefined && { stdin }), ...(env && { env }) });
  expect(result.stderr, `kubectl ${args.join(' ')}`).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

async function live(): Promise<{ metadata: Record<string, unknown>; spec: { replicas: number; template: { metadata: Record<string, unknown>; spec: { containers: Container[] } } } }> {
  return JSON.parse(await ok(['get', 'deployment', 'web', '-o', 'json']));
}

beforeAll(async () => {
  cluster = await startCluster();
});

afterAll(async () => {
  await cluster?.stop();
});

describe('client-side apply', () => {
  it('creates, leaves unchanged, then configures', async () => {
    const manifest = deployment([{ name: 'web', image: 'nginx:1.27', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }]);
    expect(await ok(['apply', '-f', '-'], manifest)).toBe('deployment.apps/web created\n');
    expect(await ok(['apply', '-f', '-'], manifest)).toBe('deployment.apps/web unchanged\n');
    const changed = deployment([{ name: 'web', image: 'nginx:1.28', env: [{ name: 'A', value: '1' }, { name: 'B', value: '3' }] }]);
    expect(await ok(['apply', '-f', '-'], changed)).toBe('deployment.apps/web configured\n');
    const object = await live();
    expect(object.spec.template.spec.containers[0]).toMatchObject({ image: 'nginx:1.28', env: [{ name: 'A', value: '1' }, { name: 'B', value: '3' }] });
    expect(object.metadata['generation']).toBe(2);
  });

  it('removes an env var and a container that left the manifest', async () => {
    await ok(
      ['apply', '-f', '-'],
      deployment([
        { name: 'web', image: 'nginx:1.28', env: [{ name: 'A', value: '1' }, { name: 'B', value: '3' }] },
        { name: 'sidecar', image: 'busybox:1.36' },
      ]),
    );
    expect((await live()).spec.template.spec.containers.map((container) => container.name)).toEqual(['web', 'sidecar']);
    expect(await ok(['apply', '-f', '-'], deployment([{ name: 'web', image: 'nginx:1.28', env: [{ name: 'A', value: '1' }] }]))).toBe(
      'deployment.apps/web configured\n',
    );
    const containers = (await live()).spec.template.spec.containers;
    expect(containers.map((container) => container.name)).toEqual(['web']);
    expect(containers[0]!.env).toEqual([{ name: 'A', value: '1' }]);
  });
});

describe('kubectl patch', () => {
  it('applies strategic merge, merge and JSON patches', async () => {
    expect(await ok(['patch', 'deployment', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.29"}]}}}}'])).toBe(
      'deployment.apps/web patched\n',
    );
    expect((await live()).spec.template.spec.containers[0]).toMatchObject({ name: 'web', image: 'nginx:1.29', env: [{ name: 'A', value: '1' }] });
    expect(await ok(['patch', 'deployment', 'web', '--type', 'merge', '-p', '{"spec":{"replicas":2}}'])).toBe('deployment.apps/web patched\n');
    expect(
      await ok(['patch', 'deployment', 'web', '--type', 'json', '-p', '[{"op":"replace","path":"/spec/replicas","value":3}]']),
    ).toBe('deployment.apps/web patched\n');
    expect((await live()).spec.replicas).toBe(3);
  });

  it('says when a patch changes nothing', async () => {
    expect(await ok(['patch', 'deployment', 'web', '--type', 'merge', '-p', '{"spec":{"replicas":3}}'])).toBe('deployment.apps/web patched (no change)\n');
  });

  it('reports a failed JSON patch test', async () => {
    const result = await cluster.kubectl(['patch', 'deployment', 'web', '--type', 'json', '-p', '[{"op":"test","path":"/spec/replicas","value":9}]']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^The request is invalid: /);
  });
});

describe('label, annotate, scale, rollout restart, set image', () => {
  it('labels and annotates, and removes them again', async () => {
    expect(await ok(['label', 'deployment', 'web', 'env=prod'])).toBe('deployment.apps/web labeled\n');
    expect(await ok(['annotate', 'deployment', 'web', 'owner=team-a'])).toBe('deployment.apps/web annotated\n');
    let object = await live();
    expect(object.metadata['labels']).toEqual({ app: 'web', env: 'prod' });
    expect((object.metadata['annotations'] as Record<string, string>)['owner']).toBe('team-a');
    expect(await ok(['label', 'deployment', 'web', 'env-'])).toBe('deployment.apps/web unlabeled\n');
    expect(await ok(['annotate', 'deployment', 'web', 'owner-'])).toBe('deployment.apps/web annotated\n');
    object = await live();
    expect(object.metadata['labels']).toEqual({ app: 'web' });
    expect((object.metadata['annotations'] as Record<string, string>)['owner']).toBeUndefined();
  });

  it('scales through the scale subresource, with and without --current-replicas', async () => {
    expect(await ok(['scale', 'deployment', 'web', '--replicas=4'])).toBe('deployment.apps/web scaled\n');
    expect((await live()).spec.replicas).toBe(4);
    expect(await ok(['scale', 'deployment', 'web', '--current-replicas=4', '--replicas=5'])).toBe('deployment.apps/web scaled\n');
    const wrong = await cluster.kubectl(['scale', 'deployment', 'web', '--current-replicas=2', '--replicas=6']);
    expect(wrong).toMatchObject({ code: 1, stderr: 'error: Expected replicas to be 2, was 5\n' });
    expect((await live()).spec.replicas).toBe(5);
  });

  it('restarts a rollout with the restartedAt annotation', async () => {
    expect(await ok(['rollout', 'restart', 'deployment/web'])).toBe('deployment.apps/web restarted\n');
    const annotations = (await live()).spec.template.metadata['annotations'] as Record<string, string>;
    expect(annotations['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('sets an image', async () => {
    expect(await ok(['set', 'image', 'deployment/web', 'web=nginx:1.30'])).toBe('deployment.apps/web image updated\n');
    expect((await live()).spec.template.spec.containers[0]!.image).toBe('nginx:1.30');
  });
});

describe('diff and edit', () => {
  it('diff shows the change and changes nothing', async () => {
    const before = await live();
    const file = await cluster.file('changed.json', deployment([{ name: 'web', image: 'nginx:1.31', env: [{ name: 'A', value: '1' }] }], 5));
    const result = await cluster.kubectl(['diff', '-f', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^-\s+(- )?image: nginx:1\.30$/m);
    expect(result.stdout).toMatch(/^\+\s+(- )?image: nginx:1\.31$/m);
    const after = await live();
    expect(after.metadata['resourceVersion']).toBe(before.metadata['resourceVersion']);
  });

  it('edit saves what the editor wrote', async () => {
    const editor = await cluster.file('editor.sh', '#!/bin/sh\nsed -i "s/replicas: 5/replicas: 7/" "$1"\n');
    await chmod(editor, 0o755);
    expect(await ok(['edit', 'deployment', 'web'], undefined, { KUBE_EDITOR: editor })).toBe('deployment.apps/web edited\n');
    expect((await live()).spec.replicas).toBe(7);
  });
});
