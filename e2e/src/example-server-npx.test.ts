import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolsBin } from './clients.js';
import { runCommand as run } from './run-command.js';

// The example server as a user gets it: packed with `pnpm pack`, then started with `npx` from an
// empty directory, which installs the tarball's dependencies from the npm registry. Real kubectl
// then reads the seeded objects, and SIGTERM stops it with exit code 0.

const root = join(import.meta.dirname, '..', '..');
const kubectl = join(toolsBin, 'kubectl');

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kubekit-npx-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Resolves once `check` holds, polling; rejects when the process exits first or after `timeoutMs`. */
async function until(check: () => boolean, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (child.exitCode !== null) throw new Error(`npx exited with ${child.exitCode}:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the example server from its packed tarball', () => {
  it('starts with npx in an empty directory, serves kubectl its seeded objects, and exits 0 on SIGTERM', async () => {
    const packDir = join(scratch, 'pack');
    const packed = await run('npx', ['-y', 'pnpm@10.34.8', '--filter', '@kubekit/example-server', 'pack', '--pack-destination', packDir], { cwd: root });
    expect(packed.code, packed.stderr).toBe(0);
    const [tarball] = (await readdir(packDir)).filter((name) => name.endsWith('.tgz'));
    expect(tarball).toMatch(/^kubekit-example-server-\d+\.\d+\.\d+\.tgz$/);
    const seed = join(packDir, 'seed.yaml');
    await writeFile(seed, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata: {mode: fast}\n');

    const dir = join(scratch, 'empty');
    const home = join(scratch, 'home');
    await Promise.all([mkdir(dir), mkdir(home)]);
    const env = {
      ...process.env,
      HOME: home,
      // Its own npm cache: npx keys its install by the spec as written (`../pack/….tgz`), so a shared
      // cache could start the tarball of an earlier run.
      npm_config_cache: join(home, '.npm'),
      npm_config_update_notifier: 'false',
      // npm runs a bin through `script-shell -c`. Debian's sh (dash) forks the command instead of
      // replacing itself, so the SIGTERM npx forwards would stop the shell and orphan the server;
      // bash execs it, and the signal reaches the server.
      npm_config_script_shell: 'bash',
    };
    const kubeconfig = join(dir, 'kc');
    const child = spawn('npx', ['--yes', relative(dir, join(packDir, tarball!)), '--port', '0', '--kubeconfig', './kc', '--seed', seed], { cwd: dir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await until(() => stdout.includes('kubeconfig written') && existsSync(kubeconfig), child, () => stdout + stderr, 90_000);
      const kubectlEnv = { ...process.env, HOME: home, KUBECONFIG: kubeconfig };
      const namespaces = await run(kubectl, ['get', 'ns'], { cwd: dir, env: kubectlEnv });
      expect(namespaces.stderr).toBe('');
      expect(namespaces.stdout).toMatch(/^shop\s+Active\s/m);
      const configMaps = await run(kubectl, ['get', 'configmaps', '-n', 'shop', '-o', 'name'], { cwd: dir, env: kubectlEnv });
      // The simulated controllers (on by default) publish the root CA in every namespace, as a real cluster does.
      expect(configMaps).toEqual({ code: 0, stdout: 'configmap/kube-root-ca.crt\nconfigmap/settings\n', stderr: '' });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stdout).toContain('"msg":"stopped"');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 180_000);
});
