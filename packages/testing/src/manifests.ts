import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as a manifest gives it: `apiVersion`, `kind`, `metadata` and the rest. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * What `apply` and `seed` take: YAML text (one or more documents), the path of a YAML or JSON file
 * or of a directory of them, an object, or a list of any of these.
 */
export type ManifestSource = string | Manifest | readonly (string | Manifest)[];

const MANIFEST_FILE = /\.(ya?ml|json)$/;

/** The manifests of every source, in order. */
export async function readManifests(source: ManifestSource): Promise<Manifest[]> {
  const sources = Array.isArray(source) ? (source as readonly (string | Manifest)[]) : [source as string | Manifest];
  const manifests: Manifest[] = [];
  for (const one of sources) {
    if (typeof one !== 'string') manifests.push(checked(one, 'object'));
    else if (await isPath(one)) manifests.push(...(await readPath(one)));
    else manifests.push(...parseManifests(one, 'YAML text'));
  }
  return manifests;
}

/**
 * The documents of a multi-document YAML (or JSON) text; empty documents are skipped, as kubectl
 * does. `origin` names the text in errors.
 */
export function parseManifests(text: string, origin: string): Manifest[] {
  const manifests: Manifest[] = [];
  let index = 0;
  for (const document of parseAllDocuments(text)) {
    index++;
    const [error] = document.errors;
    if (error) throw new Error(`${origin}: document ${index}: ${error.message.split('\n', 1)[0]}`);
    const value: unknown = document.toJS();
    if (value !== null && value !== undefined) manifests.push(checked(value, `${origin}: document ${index}`));
  }
  return manifests;
}

/** A one-line string naming an existing file or directory is a path; anything else is YAML text. */
async function isPath(text: string): Promise<boolean> {
  if (text.includes('\n')) return false;
  return stat(text).then(
    () => true,
    () => false,
  );
}

/** A file, or a directory's `*.yaml`, `*.yml` and `*.json` files in name order. */
async function readPath(path: string): Promise<Manifest[]> {
  if (!(await stat(path)).isDirectory()) return parseManifests(await readFile(path, 'utf8'), path);
  const manifests: Manifest[] = [];
  for (const name of (await readdir(path)).filter((file) => MANIFEST_FILE.test(file)).sort()) {
    manifests.push(...parseManifests(await readFile(join(path, name), 'utf8'), join(path, name)));
  }
  return manifests;
}

function checked(value: unknown, origin: string): Manifest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${origin}: not an object`);
  const { apiVersion, kind } = value as { apiVersion?: unknown; kind?: unknown };
  if (typeof apiVersion !== 'string' || !apiVersion) throw new Error(`${origin}: apiVersion not set`);
  if (typeof kind !== 'string' || !kind) throw new Error(`${origin}: kind not set`);
  return value as Manifest;
}
