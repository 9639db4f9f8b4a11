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

/** A manifest and where it came from, for messages: `seed.yaml: document 2`. */
export interface ManifestDocument {
  manifest: Manifest;
  origin: string;
}

/** A manifest that cannot be read (or, for its users, applied); the message is one line that names its origin. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';

  constructor(origin: string, reason: string) {
    super(`${origin}: ${reason.split('\n', 1)[0]!}`);
  }
}

/**
 * What `apply` and `seed` take: YAML text (one or more documents), the path of a YAML or JSON file
 * or of a directory of them, an object, or a list of any of these.
 */
export type ManifestSource = string | Manifest | readonly (string | Manifest)[];

const MANIFEST_FILE = /\.(ya?ml|json)$/;

/** The manifests of every source, in order. */
export async function readManifests(source: ManifestSource): Promise<Manifest[]> {
  return (await readManifestDocuments(source)).map((document) => document.manifest);
}

/** The manifests of every source, in order, each with its origin. */
export async function readManifestDocuments(source: ManifestSource): Promise<ManifestDocument[]> {
  const sources = Array.isArray(source) ? (source as readonly (string | Manifest)[]) : [source as string | Manifest];
  const documents: ManifestDocument[] = [];
  for (const [i, one] of sources.entries()) {
    const origin = `object ${i + 1}`;
    if (typeof one !== 'string') documents.push({ manifest: checked(one, origin), origin });
    else if (await isPath(one)) documents.push(...(await readManifestPath(one)));
    else documents.push(...parseManifestDocuments(one, 'YAML text'));
  }
  return documents;
}

/** The manifests of a multi-document YAML (or JSON) text; see `parseManifestDocuments`. */
export function parseManifests(text: string, origin: string): Manifest[] {
  return parseManifestDocuments(text, origin).map((document) => document.manifest);
}

/**
 * The documents of a multi-document YAML (or JSON) text, each named `<source>: document <n>`
 * (1-based, empty documents counted); empty documents are skipped, as kubectl does.
 */
export function parseManifestDocuments(text: string, source: string): ManifestDocument[] {
  const documents: ManifestDocument[] = [];
  let index = 0;
  for (const document of parseAllDocuments(text)) {
    const origin = `${source}: document ${++index}`;
    const [error] = document.errors;
    // YAML's message ends with a colon before a code excerpt: "… at line 4, column 1:".
    if (error) throw new ManifestError(origin, error.message.split('\n', 1)[0]!.replace(/:$/, ''));
    let value: unknown;
    try {
      value = document.toJS();
    } catch (cause) {
      throw new ManifestError(origin, cause instanceof Error ? cause.message : String(cause));
    }
    if (value !== null && value !== undefined) documents.push({ manifest: checked(value, origin), origin });
  }
  return documents;
}

/** A file, or a directory's `*.yaml`, `*.yml` and `*.json` files in name order; a path that cannot be read is a ManifestError naming it. */
export async function readManifestPath(path: string): Promise<ManifestDocument[]> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    throw new ManifestError(path, error instanceof Error ? error.message : String(error));
  }
  if (!isDirectory) return parseManifestDocuments(await readFile(path, 'utf8'), path);
  const documents: ManifestDocument[] = [];
  for (const name of (await readdir(path)).filter((file) => MANIFEST_FILE.test(file)).sort()) {
    documents.push(...parseManifestDocuments(await readFile(join(path, name), 'utf8'), join(path, name)));
  }
  return documents;
}

/** A one-line string naming an existing file or directory is a path; anything else is YAML text. */
async function isPath(text: string): Promise<boolean> {
  if (text.includes('\n')) return false;
  return stat(text).then(
    () => true,
    () => false,
  );
}

function checked(value: unknown, origin: string): Manifest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ManifestError(origin, 'not an object');
  const { apiVersion, kind } = value as { apiVersion?: unknown; kind?: unknown };
  if (typeof apiVersion !== 'string' || !apiVersion) throw new ManifestError(origin, 'apiVersion not set');
  if (typeof kind !== 'string' || !kind) throw new ManifestError(origin, 'kind not set');
  return value as Manifest;
}
