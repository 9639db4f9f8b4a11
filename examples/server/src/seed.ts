import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isStatusError } from '@kubekit/apimachinery';
import type { KindType, KubeServer } from '@kubekit/server';
import { parseAllDocuments } from 'yaml';

/** Any object, as the in-process client takes it. */
type SeedObject = KindType<string, string>;

/** One manifest from a seed file, with where it came from. */
export interface SeedDocument {
  file: string;
  /** 1-based position in its file, empty documents counted. */
  index: number;
  object: SeedObject & { apiVersion: string; kind: string };
}

/** A seed that cannot be applied; the message is one line naming the file and the document. */
export class SeedError extends Error {
  override readonly name = 'SeedError';

  constructor(file: string, index: number | undefined, reason: string) {
    super(`${file}${index === undefined ? '' : `: document ${index}`}: ${reason}`);
  }
}

const SEED_FILE = /\.(ya?ml|json)$/;

/** The manifests of a file, or of a directory's `*.yaml`, `*.yml` and `*.json` files in name order. */
export async function readSeed(path: string): Promise<SeedDocument[]> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    throw new SeedError(path, undefined, reasonOf(error));
  }
  if (!isDirectory) return parseSeedFile(path, await readFile(path, 'utf8'));
  const names = (await readdir(path)).filter((name) => SEED_FILE.test(name)).sort();
  const documents: SeedDocument[] = [];
  for (const name of names) {
    const file = join(path, name);
    documents.push(...parseSeedFile(file, await readFile(file, 'utf8')));
  }
  return documents;
}

/** The documents of one multi-document YAML (or JSON) text; empty documents are skipped, as kubectl does. */
export function parseSeedFile(file: string, text: string): SeedDocument[] {
  const documents: SeedDocument[] = [];
  let index = 0;
  for (const document of parseAllDocuments(text)) {
    index++;
    const [error] = document.errors;
    // YAML's message ends with a colon before a code excerpt: "… at line 4, column 1:".
    if (error) throw new SeedError(file, index, firstLine(error.message).replace(/:$/, ''));
    let value: unknown;
    try {
      value = document.toJS();
    } catch (cause) {
      throw new SeedError(file, index, reasonOf(cause));
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) throw new SeedError(file, index, 'not an object');
    const { apiVersion, kind } = value as { apiVersion?: unknown; kind?: unknown };
    if (typeof apiVersion !== 'string' || !apiVersion) throw new SeedError(file, index, 'apiVersion not set');
    if (typeof kind !== 'string' || !kind) throw new SeedError(file, index, 'kind not set');
    documents.push({ file, index, object: value as SeedDocument['object'] });
  }
  return documents;
}

/**
 * Applies the manifests in order through the in-process client: each is created, or updated
 * when it already exists. A namespaced object without a namespace goes to `default`, as with kubectl.
 */
export async function applySeed(server: Pick<KubeServer, 'registry' | 'client'>, documents: readonly SeedDocument[]): Promise<void> {
  for (const { file, index, object } of documents) {
    const { apiVersion, kind } = object;
    const store = server.registry.resourceFor(apiVersion, kind);
    // kubectl's wording for a kind the server does not serve.
    if (!store) throw new SeedError(file, index, `no matches for kind "${kind}" in version "${apiVersion}"`);
    const namespaced = store.definition.namespaced
      ? { ...object, metadata: { ...object.metadata, namespace: object.metadata?.namespace ?? 'default' } }
      : object;
    const client = server.client.kind(apiVersion, kind);
    try {
      try {
        await client.create(namespaced);
      } catch (error) {
        if (!isStatusError(error, 'AlreadyExists')) throw error;
        await client.update(namespaced);
      }
    } catch (error) {
      throw new SeedError(file, index, reasonOf(error));
    }
  }
}

function reasonOf(error: unknown): string {
  return firstLine(error instanceof Error ? error.message : String(error));
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0]!;
}
