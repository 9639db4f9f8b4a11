import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFooServer } from '@kubekit/example-custom-apiserver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from './harness.js';

// examples/custom-apiserver, the hello.zeng.dev/v1 Foo API written with defineResource, driven by
// real kubectl v1.35: discovery, the Table with its Message (and, wide, Message1) column, every
// verb, the schema's validation and pruning, explain with the schema's descriptions.

let cluster: Cluster;

async function ok(args: string[], stdin?: string) {
  const result = await cluster.kubectl(args, { ...(stdin !== undefined && { stdin }) });
  expect(result.stderr, `kubectl ${args.join(' ')}`).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

const rows = (text: string) => text.trim().split('\n').map((line) => line.trim().split(/\s{2,}/));
const foo = (name: string, spec: Record<string, unknown>) => JSON.stringify({ apiVersion: 'hello.zeng.dev/v1', kind: 'Foo', metadata: { name }, spec });

beforeAll(async () => {
  cluster = await startCluster(startFooServer);
});

afterAll(async () => {
  await cluster?.stop();
});

describe('the custom API server example (hello.zeng.dev/v1 Foo)', () => {
  it('is discovered with its short name', async () => {
    expect(rows(await ok(['api-resources', '--api-group=hello.zeng.dev']))).toEqual([
      ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'],
      ['foos', 'fo', 'hello.zeng.dev/v1', 'true', 'Foo'],
    ]);
  });

  it('creates, lists as a Table (Message, and Message1 when wide), patches, applies and deletes', async () => {
    expect(await ok(['apply', '-f', '-'], foo('myfoo', { msg: 'hello world', msg1: 'verbose' }))).toBe('foo.hello.zeng.dev/myfoo created\n');
    const table = rows(await ok(['get', 'fo']));
    expect(table.map((row) => row.slice(0, 2))).toEqual([
      ['NAME', 'MESSAGE'],
      ['myfoo', 'hello world'],
    ]);
    expect(rows(await ok(['get', 'fo', '-o', 'wide'])).map((row) => row.slice(0, 3))).toEqual([
      ['NAME', 'MESSAGE', 'MESSAGE1'],
      ['myfoo', 'hello world', 'verbose'],
    ]);
    expect(await ok(['patch', 'fo', 'myfoo', '--type', 'merge', '-p', '{"spec":{"msg":"patched"}}'])).toBe('foo.hello.zeng.dev/myfoo patched\n');
    expect(await ok(['apply', '--server-side', '-f', '-'], foo('other', { msg: 'applied' }))).toBe('foo.hello.zeng.dev/other serverside-applied\n');
    expect(JSON.parse(await ok(['get', 'foos', '-o', 'json'])).items.map((item: { spec: unknown }) => item.spec)).toEqual([
      { msg: 'patched', msg1: 'verbose' },
      { msg: 'applied' },
    ]);
    expect(await ok(['delete', 'fo', 'other'])).toBe('foo.hello.zeng.dev "other" deleted from default namespace\n');
  });

  it('validates with the schema and explains its fields', async () => {
    const invalid = await cluster.kubectl(['apply', '-f', '-'], { stdin: foo('bad', {}) });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toBe('The Foo "bad" is invalid: spec.msg: Required value\n');
    expect(await ok(['explain', 'foo.spec.msg'])).toContain('msg says hello world!');
  });
});

describe('the custom API server example, started on its own', () => {
  it('serves HTTPS with a kubeconfig kubectl can use', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubekit-foo-'));
    const main = join(import.meta.dirname, '../../examples/custom-apiserver/src/main.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@kubekit/source', main, '--port', '0', '--kubeconfig', join(dir, 'kubeconfig')]);
    try {
      let stdout = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('kubeconfig written')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}: ${stdout}`)));
      });
      expect(stdout).toMatch(/^Foo API server \(hello\.zeng\.dev\/v1\) listening on https:\/\/127\.0\.0\.1:\d+\n/);
    } finally {
      child.kill('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    }
  });
});
