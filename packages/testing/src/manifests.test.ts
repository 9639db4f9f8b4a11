import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ManifestError, parseManifestDocuments, parseManifests, readManifests } from './manifests.js';

const namespace = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

describe('manifests', () => {
  it('reads every document of a YAML text, skipping empty ones', () => {
    const text = '---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n---\n{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "b"}}\n';
    expect(parseManifests(text, 'text')).toEqual([namespace('a'), namespace('b')]);
  });

  it('counts empty documents in the index it names documents by', () => {
    const text = ['apiVersion: v1', 'kind: Namespace', 'metadata: {name: shop}', '---', '# nothing here', '---', JSON.stringify(namespace('b'))].join('\n');
    expect(parseManifestDocuments(text, 'seed.yaml').map(({ origin, manifest }) => [origin, manifest.metadata?.name])).toEqual([
      ['seed.yaml: document 1', 'shop'],
      ['seed.yaml: document 3', 'b'],
    ]);
  });

  it.each([
    ['a YAML syntax error', `${JSON.stringify(namespace('a'))}\n---\nb: [1\n`, 'seed.yaml: document 2: Flow sequence in block collection must be sufficiently indented and end with a ] at line 4, column 1'],
    ['a document that is not an object', '- a\n- b\n', 'seed.yaml: document 1: not an object'],
  ])('names the file and document of %s, on one line', (_, text, message) => {
    expect(() => parseManifests(text, 'seed.yaml')).toThrow(ManifestError);
    expect(() => parseManifests(text, 'seed.yaml')).toThrow(message);
  });

  it('names the document that is not a manifest', () => {
    expect(() => parseManifests('kind: Namespace\n---\n', 'seed.yaml')).toThrow('seed.yaml: document 1: apiVersion not set');
    expect(() => parseManifests('apiVersion: v1\n---\n- a\n', 'seed.yaml')).toThrow('seed.yaml: document 1: kind not set');
    expect(() => parseManifests('a: [\n', 'seed.yaml')).toThrow(/^seed\.yaml: document 1: /);
  });

  it('takes files, directories (their YAML and JSON files in name order), text and objects, in order', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubekit-manifests-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'b.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n');
    await writeFile(join(dir, 'a.json'), JSON.stringify(namespace('a')));
    await writeFile(join(dir, 'notes.txt'), 'not a manifest');
    const file = join(dir, 'b.yaml');
    const manifests = await readManifests([dir, file, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: c}\n', namespace('d')]);
    expect(manifests.map((manifest) => manifest.metadata?.name)).toEqual(['a', 'b', 'b', 'c', 'd']);
    expect(await readManifests(namespace('e'))).toEqual([namespace('e')]);
  });
});
