import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const main = join(dirname(fileURLToPath(import.meta.url)), 'main.ts');

interface Kubeconfig {
  clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
}

describe('kubekit-server', () => {
  it('listens on a free port, writes a kubeconfig whose CA verifies the server, and exits cleanly on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubekit-main-'));
    const kubeconfigPath = join(dir, 'kubeconfig');
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@kubekit/source', main, '--port', '0', '--kubeconfig', kubeconfigPath]);
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /listening on (https:\/\/\S+)/.exec(stdout);
        if (match && stdout.includes('kubeconfig written')) resolve(match[1]!);
      });
      child.on('exit', (code) => reject(new Error(`exited with ${code}: ${stdout}`)));
    });
    const kubeconfig = parse(await readFile(kubeconfigPath, 'utf8')) as Kubeconfig;
    const cluster = kubeconfig.clusters[0]!.cluster;
    expect(cluster.server).toBe(url);
    const ca = Buffer.from(cluster['certificate-authority-data'], 'base64').toString();
    const body = await new Promise<string>((resolve, reject) => {
      request(`${url}/readyz`, { ca }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve(text));
      })
        .on('error', reject)
        .end();
    });
    expect(body).toBe('ok');
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await rm(dir, { recursive: true, force: true });
  });
});
