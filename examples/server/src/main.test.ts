import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const main = join(dirname(fileURLToPath(import.meta.url)), 'main.ts');

interface Kubeconfig {
  clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubekit-main-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const start = (args: string[]) => spawn(process.execPath, ['--import', 'tsx', '--conditions=@kubekit/source', main, ...args]);

function get(url: string, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request(url, { ca }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve(text));
    })
      .on('error', reject)
      .end();
  });
}

describe('kubekit-server', () => {
  it('listens on a free port, writes a kubeconfig whose CA verifies the server, logs JSON lines, and exits cleanly on SIGTERM', async () => {
    const kubeconfigPath = join(dir, 'kubeconfig');
    const child = start(['--port', '0', '--kubeconfig', kubeconfigPath, '--log-level', 'debug']);
    let stdout = '';
    const lines = () => stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /listening on (https:\/\/[^\s"]+)/.exec(stdout);
        if (match && stdout.includes('kubeconfig written')) resolve(match[1]!);
      });
      child.on('exit', (code) => reject(new Error(`exited with ${code}: ${stdout}`)));
    });
    expect(lines()[0]).toMatchObject({ level: 30, url, msg: `kubekit API server listening on ${url}` });
    const kubeconfig = parse(await readFile(kubeconfigPath, 'utf8')) as Kubeconfig;
    const cluster = kubeconfig.clusters[0]!.cluster;
    expect(cluster.server).toBe(url);
    const ca = Buffer.from(cluster['certificate-authority-data'], 'base64').toString();
    expect(await get(`${url}/readyz`, ca)).toBe('ok');
    // 'close', not 'exit': the child's last lines may still be in the pipe when it has exited.
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines()).toContainEqual(expect.objectContaining({ level: 20, msg: 'HTTP', verb: 'get', URI: '/readyz', code: 200 }));
    expect(lines().at(-1)).toMatchObject({ msg: 'stopped' });
  });

  it('exits 1 with one line naming the file and document of a seed it cannot apply', async () => {
    const seed = join(dir, 'seed.yaml');
    await writeFile(seed, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: v1\nkind: Widget\nmetadata: {name: w}\n');
    const child = start(['--port', '0', '--kubeconfig', join(dir, 'unused'), '--seed', seed]);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr).toBe(`kubekit-server: ${seed}: document 2: no matches for kind "Widget" in version "v1"\n`);
  });
});
