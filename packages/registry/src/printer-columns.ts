import { translateTimestampSince } from '@kubekit/apimachinery';
import type { KubeObject } from './kube-object.js';
import type { TableColumn } from './resource-definition.js';

/** One `additionalPrinterColumns` entry of a CRD version. */
export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

type Step = { field: string } | { index: number } | { all: true };

/**
 * The steps of a printer column's JSONPath: the simple paths CRDs use (`.spec.replicas`,
 * `.status.conditions[0].type`, `.metadata.labels['app']`, `.items[*].name`). Undefined for
 * anything else (filters, unions, recursive descent), which prints no value.
 */
export function parseJsonPath(path: string): Step[] | undefined {
  const steps: Step[] = [];
  const pattern = /\.([^.[\]]+)|\[(\d+)\]|\[\*\]|\['([^']*)'\]|\["([^"]*)"\]/y;
  let at = 0;
  while (at < path.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(path);
    if (!match) return undefined;
    if (match[1] !== undefined) steps.push({ field: match[1] });
    else if (match[2] !== undefined) steps.push({ index: Number(match[2]) });
    else if (match[3] !== undefined || match[4] !== undefined) steps.push({ field: (match[3] ?? match[4])! });
    else steps.push({ all: true });
    at = pattern.lastIndex;
  }
  return steps;
}

function evaluate(steps: readonly Step[], value: unknown): unknown[] {
  let current: unknown[] = [value];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const item of current) {
      if ('field' in step) {
        if (typeof item === 'object' && item !== null && !Array.isArray(item) && Object.hasOwn(item, step.field)) next.push((item as Record<string, unknown>)[step.field]);
      } else if ('index' in step) {
        if (Array.isArray(item) && step.index < item.length) next.push(item[step.index]);
      } else if (Array.isArray(item)) {
        next.push(...item);
      } else if (typeof item === 'object' && item !== null) {
        next.push(...Object.values(item));
      }
    }
    current = next;
  }
  return current;
}

/** A JSONPath result as the CRD table convertor prints it: strings as they are, the rest as JSON. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The Table columns of a CRD version's `additionalPrinterColumns` (the apiextensions table
 * convertor): each cell is the JSONPath's value, several values joined with ","; a `date` is
 * printed as its age; a missing value is null. Without columns a custom resource prints AGE.
 */
export function printerColumns(columns: readonly PrinterColumn[]): TableColumn[] {
  return columns.map((column) => {
    const steps = parseJsonPath(column.jsonPath);
    const type = (['integer', 'number', 'boolean', 'date'].includes(column.type) ? column.type : 'string') as TableColumn['type'];
    return {
      name: column.name,
      type,
      ...(column.format && { format: column.format }),
      ...(column.description && { description: column.description }),
      ...(column.priority && { priority: column.priority }),
      cell: (object: KubeObject, now: number) => {
        const values = steps ? evaluate(steps, object) : [];
        if (values.length === 0) return null;
        if (type === 'date') return typeof values[0] === 'string' ? translateTimestampSince(values[0], now) : null;
        if (values.length === 1) {
          const [value] = values;
          if (type === 'string') return text(value);
          return typeof value === 'number' || typeof value === 'boolean' ? value : text(value);
        }
        return values.map(text).join(',');
      },
    };
  });
}
