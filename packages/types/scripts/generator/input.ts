import { readFileSync } from 'node:fs';

/** One field as `k8s-api-facts/types.json` describes it (struct tags and markers of the Go type). */
export interface InputField {
  go: string;
  type: string;
  json?: string;
  optional?: boolean;
  inline?: boolean;
  proto?: number;
  wire?: string;
  repeated?: boolean;
  castType?: string;
  patchStrategy?: string;
  patchMergeKey?: string;
}

export interface InputStruct {
  fields: InputField[];
  genclient?: boolean;
  clusterScoped?: boolean;
}

export interface InputFacts {
  groups: Record<string, Record<string, InputStruct>>;
}

export function readInput(path: string): InputFacts {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!isRecord(parsed) || !isRecord(parsed.groups)) {
    throw new Error(`${path}: expected an object with "groups"`);
  }
  for (const [pkg, structs] of Object.entries(parsed.groups)) {
    if (!isRecord(structs)) throw new Error(`${path}: groups["${pkg}"] is not an object`);
    for (const [name, struct] of Object.entries(structs)) {
      if (!isRecord(struct) || !Array.isArray(struct.fields)) {
        throw new Error(`${path}: ${pkg}.${name} has no fields array`);
      }
      for (const field of struct.fields) {
        if (!isRecord(field) || typeof field.go !== 'string' || typeof field.type !== 'string') {
          throw new Error(`${path}: ${pkg}.${name} has a field without "go"/"type"`);
        }
      }
    }
  }
  return parsed as unknown as InputFacts;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
