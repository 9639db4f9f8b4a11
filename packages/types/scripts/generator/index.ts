import { buildModel, type Model } from './build-model.js';
import { emitFactsTable } from './emit-facts.js';
import { emitTypes } from './emit-types.js';
import { readInput } from './input.js';

export interface GeneratedOutput {
  /** Path relative to `src/generated/` → file content. */
  files: Map<string, string>;
  notes: Model['notes'];
}

/** Derives the facts table and the TypeScript interfaces from a `types.json`. Pure: writes nothing. */
export function generate(inputPath: string): GeneratedOutput {
  const model = buildModel(readInput(inputPath));
  const files = new Map<string, string>([['facts-table.ts', emitFactsTable(model)]]);
  for (const [name, content] of emitTypes(model)) files.set(`types/${name}`, content);
  return { files, notes: model.notes };
}
