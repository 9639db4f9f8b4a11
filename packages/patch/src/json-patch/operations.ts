import { type JsonObject, type JsonValue, cloneJson, hasKey, isObject, jsonEqual } from '../json.js';
import { type Container, OperationFailure, addChild, findParent, getChild, removeChild, setChild } from './containers.js';

const MISSING = 'missing value';

/** The document being patched (it may be replaced whole) and the bytes `copy` added so far. */
export interface PatchState {
  document: Container;
  copiedBytes: number;
  readonly maxCopiedBytes: number;
}

/** Size of a value as Go's json.Marshal writes it (UTF-8, `<`, `>`, `&`, U+2028/9 escaped). */
function goJsonSize(value: JsonValue): number {
  const json = JSON.stringify(value);
  let extra = 0;
  for (const char of json) {
    if (char === '<' || char === '>' || char === '&') extra += 5;
    else if (char === '\u2028' || char === '\u2029') extra += 3;
  }
  return Buffer.byteLength(json) + extra;
}

function member(operation: JsonObject, name: 'path' | 'from'): string | undefined {
  const value = operation[name];
  return typeof value === 'string' ? value : undefined;
}

/** The operation's `value`; a missing or null one is JSON null (v4 writes null for both). */
function valueOf(operation: JsonObject): JsonValue {
  return hasKey(operation, 'value') ? cloneJson(operation.value) : null;
}

/** Runs `step`, prefixing a failure's message as evanphx/json-patch wraps it. */
function wrapped<T>(prefix: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw new OperationFailure(`${prefix}: ${(error as Error).message}`);
  }
}

function parentOf(state: PatchState, path: string, missing: string): [Container, string] {
  const found = findParent(state.document, path);
  if (!found) throw new OperationFailure(`${missing}: ${MISSING}`);
  return found;
}

function add(state: PatchState, operation: JsonObject): void {
  const path = member(operation, 'path');
  if (path === undefined) throw new OperationFailure(`add operation failed to decode path: ${MISSING}`);
  const [container, key] = parentOf(state, path, `add operation does not apply: doc is missing path: "${path}"`);
  wrapped(`error in add for path: '${path}'`, () => addChild(container, key, valueOf(operation)));
}

function remove(state: PatchState, operation: JsonObject): void {
  const path = member(operation, 'path');
  if (path === undefined) throw new OperationFailure(`remove operation failed to decode path: ${MISSING}`);
  const [container, key] = parentOf(state, path, `remove operation does not apply: doc is missing path: "${path}"`);
  wrapped(`error in remove for path: '${path}'`, () => removeChild(container, key));
}

function replace(state: PatchState, operation: JsonObject): void {
  const path = member(operation, 'path');
  if (path === undefined) {
    throw new OperationFailure(`replace operation failed to decode path: operation missing path field: ${MISSING}`);
  }
  if (path === '') {
    // The whole document, which must stay an object or an array.
    const value = valueOf(operation);
    if (!isObject(value) && !Array.isArray(value)) {
      throw new OperationFailure('replace operation value must be object or array: %!w(<nil>)');
    }
    state.document = value;
    return;
  }
  const [container, key] = parentOf(state, path, `replace operation does not apply: doc is missing path: ${path}`);
  // v4 checks only that an array index exists: replacing a missing object member adds it.
  try {
    getChild(container, key);
  } catch {
    throw new OperationFailure(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
  }
  setChild(container, key, valueOf(operation));
}

function move(state: PatchState, operation: JsonObject): void {
  const from = member(operation, 'from');
  if (from === undefined) {
    throw new OperationFailure(`move operation failed to decode from: operation, missing from field: ${MISSING}`);
  }
  const [source, sourceKey] = parentOf(state, from, `move operation does not apply: doc is missing from path: ${from}`);
  const value = wrapped(`error in move for path: '${sourceKey}'`, () => getChild(source, sourceKey));
  wrapped(`error in move for path: '${sourceKey}'`, () => removeChild(source, sourceKey));
  const path = member(operation, 'path');
  if (path === undefined) {
    throw new OperationFailure(`move operation failed to decode path: operation missing path field: ${MISSING}`);
  }
  const [target, key] = parentOf(state, path, `move operation does not apply: doc is missing destination path: ${path}`);
  wrapped(`error in move for path: '${path}'`, () => addChild(target, key, value ?? null));
}

function copy(state: PatchState, operation: JsonObject): void {
  const from = member(operation, 'from');
  if (from === undefined) {
    throw new OperationFailure(`copy operation failed to decode from: operation, missing from field: ${MISSING}`);
  }
  const [source, sourceKey] = parentOf(state, from, `copy operation does not apply: doc is missing from path: ${from}`);
  // A missing or null member copies as null (v4's deepCopy of a nil node), adding 0 bytes.
  const value = wrapped(`error in copy for from: '${from}'`, () => getChild(source, sourceKey)) ?? null;
  const path = member(operation, 'path');
  if (path === undefined) throw new OperationFailure(`copy operation failed to decode path: ${MISSING}`);
  const [target, key] = parentOf(state, path, `copy operation does not apply: doc is missing destination path: ${path}`);
  // AccumulatedCopySizeLimit (the apiserver's JSONPatchMaxCopyBytes): bytes copied by the whole patch.
  state.copiedBytes += value === null ? 0 : goJsonSize(value);
  if (state.maxCopiedBytes > 0 && state.copiedBytes > state.maxCopiedBytes) {
    throw new OperationFailure(
      `Unable to complete the copy, the accumulated size increase of copy is ${state.copiedBytes}, exceeding the limit ${state.maxCopiedBytes}`,
    );
  }
  wrapped('error while adding value during copy', () => addChild(target, key, cloneJson(value)));
}

function test(state: PatchState, operation: JsonObject): void {
  const path = member(operation, 'path');
  if (path === undefined) {
    throw new OperationFailure(`test operation failed to decode path: operation missing path field: ${MISSING}`);
  }
  const failed = new OperationFailure(`testing value ${path} failed: test failed`);
  const expected = hasKey(operation, 'value') ? operation.value! : null;
  if (path === '') {
    if (!jsonEqual(state.document, expected)) throw failed;
    return;
  }
  const [container, key] = parentOf(state, path, `test operation does not apply: is missing path: ${path}`);
  // v4 treats a missing member, a null one and a missing or null `value` alike.
  const actual = wrapped(`error in test for path: '${path}'`, () => getChild(container, key)) ?? null;
  if (!jsonEqual(actual, expected)) throw failed;
}

const OPERATIONS: Record<string, (state: PatchState, operation: JsonObject) => void> = {
  add,
  remove,
  replace,
  move,
  copy,
  test,
};

/** Applies one operation to `state.document` in place; throws OperationFailure with v4's text. */
export function applyOperation(state: PatchState, operation: JsonObject | null): void {
  const op = operation?.op;
  const apply = typeof op === 'string' && Object.hasOwn(OPERATIONS, op) ? OPERATIONS[op] : undefined;
  if (!apply || operation === null) throw new OperationFailure(`Unexpected kind: ${typeof op === 'string' ? op : 'unknown'}`);
  apply(state, operation);
}
