/**
 * `pnpm check:packages`: what would be published is checked as it would be published. For every
 * package that is not private (the libraries and the example server), publint reads its packed
 * files and package.json (strict: warnings fail), and @arethetypeswrong/cli checks that its types
 * resolve for Node 16+ ESM and CJS consumers (ESM-only packages: ESM consumers). Needs `build` first.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

interface Manifest {
  name: string;
  private?: boolean;
  exports?: Record<string, Record<string, unknown>>;
}

const root = join(import.meta.dirname, '..');
const folders = [...readdirSync(join(root, 'packages')).map((name) => join('packages', name)), join('examples', 'server')];
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

let failed = 0;
for (const folder of folders) {
  const manifest = JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8')) as Manifest;
  if (manifest.private) continue;
  const esmOnly = Object.values(manifest.exports ?? {}).every((conditions) => !('require' in conditions));
  const checks: Array<[string, string[]]> = [
    [bin('publint'), ['--pack', 'npm', '--strict']],
    [bin('attw'), ['--pack', '.', '--profile', esmOnly ? 'esm-only' : 'node16', '--format', 'ascii']],
  ];
  let ok = true;
  for (const [command, args] of checks) {
    try {
      execFileSync(command, args, { cwd: join(root, folder), stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      ok = false;
      failed++;
      const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
      process.stderr.write(`check-packages: ${manifest.name}: ${command.split('/').pop()} failed\n${stdout ?? ''}${stderr ?? ''}\n`);
    }
  }
  if (ok) process.stdout.write(`check-packages: ${manifest.name} ok\n`);
}
if (failed > 0) process.exit(1);
