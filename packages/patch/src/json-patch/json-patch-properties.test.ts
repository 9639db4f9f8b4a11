import fc from 'fast-check';
import jsonpatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import { type JsonValue, isObject } from '../json.js';
import { PatchError } from '../patch-error.js';
import { deepFreeze } from '../strategic/test-support.js';
import { applyJsonPatch } from './apply-json-patch.js';

/** JSON without `__proto__` keys, which fast-json-patch refuses to touch. */
const json = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.parse(JSON.stringify(value).replaceAll('"__proto__"', '"proto"')) as JsonValue);
const document = fc.dictionary(fc.string({ maxLength: 4 }), json, { maxKeys: 4 }).map((value) => JSON.parse(JSON.stringify(value).replaceAll('"__proto__"', '"proto"')) as Record<string, JsonValue>);

interface Located {
  path: string;
  value: JsonValue;
}

function locations(value: JsonValue, path = ''): Located[] {
  const here = { path, value };
  if (Array.isArray(value)) return [here, ...value.flatMap((item, i) => locations(item, `${path}/${i}`))];
  if (isObject(value)) {
    return [here, ...Object.entries(value).flatMap(([key, item]) => locations(item, `${path}/${jsonpatch.escapePathComponent(key)}`))];
  }
  return [here];
}

/**
 * One operation that RFC 6902 and evanphx/json-patch v4 agree on (an existing target, an index
 * within bounds, a value always given), built from random choices against the current document.
 */
function operationFor(current: JsonValue, choice: number[], key: string, value: JsonValue): Operation | undefined {
  const all = locations(current);
  const at = (i: number) => all[choice[i]! % all.length]!;
  const nonRoot = all.filter((l) => l.path !== '');
  const containers = all.filter((l) => isObject(l.value) || Array.isArray(l.value));
  const parent = containers[choice[1]! % containers.length]!;
  const child = Array.isArray(parent.value) ? String(choice[2]! % (parent.value.length + 1)) : jsonpatch.escapePathComponent(key);
  const target = `${parent.path}/${child}`;
  switch (choice[0]! % 6) {
    case 0:
      return { op: 'add', path: target, value };
    case 1:
      return nonRoot.length ? { op: 'remove', path: nonRoot[choice[3]! % nonRoot.length]!.path } : undefined;
    case 2:
      return nonRoot.length ? { op: 'replace', path: nonRoot[choice[3]! % nonRoot.length]!.path, value } : undefined;
    case 3:
      return { op: 'test', path: at(3).path, value: structuredClone(at(3).value) };
    case 4:
      return nonRoot.length ? { op: 'copy', from: nonRoot[choice[3]! % nonRoot.length]!.path, path: target } : undefined;
    default: {
      // move into an object that is neither the source nor below it nor in its array
      const from = nonRoot[choice[3]! % Math.max(nonRoot.length, 1)]?.path;
      const parentOfFrom = from?.slice(0, from.lastIndexOf('/'));
      if (from === undefined || Array.isArray(parent.value) || parent.path === from) return undefined;
      if (parent.path.startsWith(`${from}/`) || parent.path.startsWith(`${parentOfFrom}/`)) return undefined;
      return { op: 'move', from, path: target };
    }
  }
}

const steps = fc.array(fc.tuple(fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), fc.string({ maxLength: 3 }), json), { maxLength: 6 });

describe('applyJsonPatch properties', () => {
  it('agrees with fast-json-patch (RFC 6902) wherever v4 and the RFC agree', () => {
    fc.assert(
      fc.property(document, steps, (doc, chosen) => {
        let expected: JsonValue = structuredClone(doc);
        const operations: Operation[] = [];
        for (const [choice, key, value] of chosen) {
          const operation = operationFor(expected, choice, key.replaceAll('__proto__', 'proto'), value);
          if (!operation) continue;
          operations.push(operation);
          expected = jsonpatch.applyOperation(expected, structuredClone(operation), true, true).newDocument;
        }
        expect(applyJsonPatch(deepFreeze(structuredClone(doc)), operations)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('never changes its inputs, and fails only with PatchError', () => {
    const anyOperation = fc.record(
      { op: fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test', 'x'), path: fc.constantFrom('', '/a', '/a/0', '/a/-', '/b/c', 'a', '/a/-1'), from: fc.constantFrom('/a', '/b', '/a/0'), value: json },
      { requiredKeys: ['op'] },
    );
    fc.assert(
      fc.property(document, fc.array(anyOperation, { maxLength: 5 }), (doc, operations) => {
        const frozenDoc = deepFreeze(structuredClone(doc));
        const frozenOps = deepFreeze(structuredClone(operations));
        try {
          applyJsonPatch(frozenDoc, frozenOps);
        } catch (error) {
          expect(error).toBeInstanceOf(PatchError);
        }
        expect(frozenDoc).toEqual(doc);
        expect(frozenOps).toEqual(operations);
      }),
      { numRuns: 300 },
    );
  });
});
