import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parseManifests, readManifests } from './manifests.js';

const namespace = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

describe('manifests', () => {
  it('reads every document of a YAML text, skipping empty ones', () => {
    const text = '---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n---\n{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "b"}}\n';
    expect(parseManifests(text, 'text')).toEqual([namespace('a'), namespace('b')]);
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
