/**
 * Regenerates packages/types/src/generated/ from k8s-api-facts/types.json.
 *
 *   npx tsx packages/types/scripts/generate.ts [path/to/types.json]
 *
 * The input is the first argument, else $K8S_API_FACTS, else ../shared/k8s-api-facts/types.json
 * relative to the repository root.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generator/index.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(packageDir, '../..');
const outDir = join(packageDir, 'src/generated');

const input = resolve(process.argv[2] ?? process.env.K8S_API_FACTS ?? join(repoRoot, '../shared/k8s-api-facts/types.json'));
const { files, notes } = generate(input);

// Start from an empty directory so files of packages that disappeared do not linger.
// apply-markers.ts and descriptions.ts come from the Go sources (generate-apply-markers.ts) and stay.
const FROM_GO_SOURCES = new Set(['apply-markers.ts', 'descriptions.ts']);
for (const entry of readdirSync(outDir)) if (!FROM_GO_SOURCES.has(entry)) rmSync(join(outDir, entry), { recursive: true });
let bytes = 0;
for (const [name, content] of files) {
  mkdirSync(dirname(join(outDir, name)), { recursive: true });
  writeFileSync(join(outDir, name), content);
  bytes += Buffer.byteLength(content);
}

console.log(`read ${input}`);
console.log(`wrote ${files.size} files (${(bytes / 1024).toFixed(0)} KiB) to ${outDir}`);
console.log(`named types written as JSON strings: ${notes.namedStrings.length}`);
if (notes.external.length) {
  console.log(`types of packages outside the facts, kept as raw JSON: ${notes.external.join(', ')}`);
}
if (notes.wireCorrections.length) {
  console.log(`wire types taken from the Go type instead of the input (${notes.wireCorrections.length}):`);
  for (const line of notes.wireCorrections) console.log(`  ${line}`);
}
