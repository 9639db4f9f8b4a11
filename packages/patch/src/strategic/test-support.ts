import { strategicMergeSchemaFor } from './schema.js';
import type { StrategicMergeSchema } from './schema.js';

/** The schema of `group/version/Kind` (`/v1/Pod` for the core group); tests only. */
export function schemaOf(kind: string): StrategicMergeSchema {
  const [group = '', version = '', name = ''] = kind.split('/');
  const schema = strategicMergeSchemaFor({ group, version, kind: name });
  if (!schema) throw new Error(`no schema for ${kind}`);
  return schema;
}

/** Freezes a value and everything in it, as the store freezes what it keeps. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
