import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KubeServer, createServer } from '@kubekit/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseManifestDocuments } from '@kubekit/testing/manifests';
import { ManifestError, applySeed, readSeed } from './seed.js';

let dir: string;
let server: KubeServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubekit-seed-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  server = await createServer();
  return () => server.close();
});

const configMap = (name: string, data: Record<string, string>, namespace?: string) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(namespace && { namespace }) }, data });

describe('readSeed', () => {
  it('reads a directory’s YAML and JSON files in name order, and nothing else', async () => {
    const seeds = join(dir, 'seeds');
    await mkdir(seeds);
    await writeFile(join(seeds, 'b.json'), configMap('from-json', {}));
    await writeFile(join(seeds, 'a.yml'), configMap('from-yml', {}));
    await writeFile(join(seeds, 'c.yaml'), configMap('from-yaml', {}));
    await writeFile(join(seeds, 'notes.txt'), 'not a manifest');
    const documents = await readSeed(seeds);
    expect(documents.map(({ origin, manifest }) => [origin, manifest.metadata?.name])).toEqual([
      [`${join(seeds, 'a.yml')}: document 1`, 'from-yml'],
      [`${join(seeds, 'b.json')}: document 1`, 'from-json'],
      [`${join(seeds, 'c.yaml')}: document 1`, 'from-yaml'],
    ]);
  });

  it('names a path that does not exist', async () => {
    await expect(readSeed(join(dir, 'missing.yaml'))).rejects.toThrow(ManifestError);
    await expect(readSeed(join(dir, 'missing.yaml'))).rejects.toThrow(`${join(dir, 'missing.yaml')}: ENOENT: no such file or directory`);
  });
});

describe('applySeed', () => {
  it('creates objects in document order, into default when no namespace is given, and updates ones that exist', async () => {
    const text = [
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}',
      configMap('settings', { mode: 'slow' }, 'shop'),
      configMap('settings', { mode: 'fast' }, 'shop'),
      configMap('plain', {}),
    ].join('\n---\n');
    await applySeed(server, parseManifestDocuments(text, 'seed.yaml'));
    const configMaps = server.client.kind('v1', 'ConfigMap');
    expect((await configMaps.get('settings', { namespace: 'shop' })).data).toEqual({ mode: 'fast' });
    expect((await configMaps.get('plain', { namespace: 'default' })).metadata?.name).toBe('plain');
  });

  it('names the document of an unknown kind, and of one the server refuses, with the server’s message', async () => {
    const unknown = parseManifestDocuments('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n', 'seed.yaml');
    await expect(applySeed(server, unknown)).rejects.toThrow('seed.yaml: document 1: no matches for kind "Widget" in version "example.com/v1"');
    const missingNamespace = parseManifestDocuments(`${configMap('ok', {})}\n---\n${configMap('lost', {}, 'nowhere')}`, 'seed.yaml');
    await expect(applySeed(server, missingNamespace)).rejects.toThrow('seed.yaml: document 2: namespaces "nowhere" not found');
    const invalidName = parseManifestDocuments(configMap('Not_A_Name', {}), 'seed.yaml');
    await expect(applySeed(server, invalidName)).rejects.toThrow(/^seed\.yaml: document 1: ConfigMap "Not_A_Name" is invalid: metadata\.name/);
  });
});
