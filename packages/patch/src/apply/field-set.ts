import { type JsonObject, isObject } from '../json.js';
import { type PathElement, comparePathElements, isPathElement } from './path-element.js';

/** A FieldsV1 document the server cannot read: the entry is treated as absent. */
export class InvalidFieldsError extends Error {
  override readonly name = 'InvalidFieldsError';
}

/**
 * One node of a FieldsV1 tree: its keys are path elements, `{}` is a member with nothing
 * below, and a `"."` key marks a node with children as a member too.
 */
type Node = { [element: string]: Node };

const DOT = '.';

function isMemberNode(node: Node): boolean {
  for (const key in node) return key === DOT || Object.hasOwn(node, DOT);
  return true;
}

function hasChildNodes(node: Node): boolean {
  for (const key in node) if (key !== DOT) return true;
  return false;
}

function childKeys(node: Node): string[] {
  const keys = Object.keys(node);
  return keys[0] === DOT ? keys.slice(1) : keys.filter((key) => key !== DOT);
}

/** A node from a member flag and children (the children are the caller's and not shared). */
function makeNode(member: boolean, children: Node): Node {
  if (!member || !hasChildNodes(children)) return children;
  return { [DOT]: {}, ...children };
}

/** A child node: empty children means nothing below; a member then is `{}` itself. */
function nodeOf(member: boolean, children: Node): Node | undefined {
  if (!hasChildNodes(children)) return member ? {} : undefined;
  return makeNode(member, children);
}

function withoutDot(node: Node): Node {
  if (!Object.hasOwn(node, DOT)) return node;
  const { [DOT]: _dot, ...rest } = node;
  return rest;
}

// The set operations work on a node's children (a map without "."), and on whole nodes below.

function unionChildren(a: Node, b: Node): Node {
  if (a === b) return a;
  let children: Node | undefined;
  for (const key in b) {
    const mine = a[key];
    const both = mine ? unionNodes(mine, b[key]!) : b[key]!;
    if (both === mine) continue;
    children ??= { ...a };
    children[key] = both;
  }
  return children ?? a;
}

function unionNodes(a: Node, b: Node): Node {
  if (a === b) return a;
  const left = withoutDot(a);
  const children = unionChildren(left, withoutDot(b));
  const member = isMemberNode(a) || isMemberNode(b);
  if (children === left && member === isMemberNode(a)) return a;
  return nodeOf(member, children)!;
}

/** The children of `a` without `b`'s members (and, when `recursive`, what is below them); `a` itself when nothing goes. */
function differenceChildren(a: Node, b: Node, recursive: boolean): Node {
  let children: Node | undefined;
  for (const key in a) {
    const theirs = b[key];
    if (!theirs) continue;
    const rest = differenceNodes(a[key]!, theirs, recursive);
    if (rest === a[key]) continue;
    children ??= { ...a };
    if (rest === undefined) delete children[key];
    else children[key] = rest;
  }
  return children ?? a;
}

function differenceNodes(a: Node, b: Node, recursive: boolean): Node | undefined {
  const bMember = isMemberNode(b);
  if (recursive && bMember) return undefined;
  const aMember = isMemberNode(a);
  const left = withoutDot(a);
  const children = differenceChildren(left, withoutDot(b), recursive);
  const member = aMember && !bMember;
  if (children === left && member === aMember) return a;
  return nodeOf(member, children);
}

function intersectionChildren(a: Node, b: Node): Node {
  const children: Node = {};
  for (const key in a) {
    const theirs = b[key];
    if (!theirs) continue;
    const both = nodeOf(isMemberNode(a[key]!) && isMemberNode(theirs), intersectionChildren(withoutDot(a[key]!), withoutDot(theirs)));
    if (both) children[key] = both;
  }
  return children;
}

function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (comparePathElements(keys[i - 1]!, keys[i]!) >= 0) return false;
  return true;
}

/**
 * Children with their keys in upstream's order, deeply frozen: a frozen node is kept, any other
 * rebuilt. Frozen nodes are in order already: this package writes them so (built sorted and frozen,
 * or rebuilt here), and stored objects hold only those. A caller's nodes are copied, never frozen
 * in place. So a FieldsV1 tree this package writes is frozen all the way down: a store shares it
 * instead of copying, and its field set is found again by identity.
 */
function sortedChildren(children: Node): Node {
  if (Object.isFrozen(children)) return children;
  const keys = Object.keys(children);
  const out: Node = {};
  for (const key of isSorted(keys) ? keys : keys.sort(comparePathElements)) out[key] = sortedNode(children[key]!);
  return Object.freeze(out);
}

/** A node in upstream's order (`.` first, then its children sorted), frozen. */
function sortedNode(node: Node): Node {
  if (Object.isFrozen(node)) return node;
  const children = sortedChildren(withoutDot(node));
  return Object.hasOwn(node, DOT) ? Object.freeze({ [DOT]: EMPTY, ...children }) : children;
}

const EMPTY: Node = Object.freeze({}) as Node;

function validate(json: unknown): Node {
  if (!isObject(json)) throw new InvalidFieldsError('FieldsV1 must be a JSON object');
  for (const [key, value] of Object.entries(json)) {
    if (key === DOT) {
      if (!isObject(value) || Object.keys(value).length > 0) throw new InvalidFieldsError('"." must be an empty object');
      continue;
    }
    if (!isPathElement(key)) throw new InvalidFieldsError(`invalid path element ${JSON.stringify(key)}`);
    validate(value);
  }
  return json as Node;
}

/**
 * A set of field paths (structured-merge-diff's fieldpath.Set), held as its `FieldsV1` tree.
 * Sets are values: operations return new sets that share unchanged subtrees with their
 * operands, and never change them, so a set read from a stored (frozen) object is used as it is.
 */
export class FieldSet {
  private constructor(
    /** The children of this set's path. */
    private readonly node: Node,
    /** Whether this set's own path is a member (never for a whole object's set). */
    readonly member: boolean,
  ) {}

  static empty(): FieldSet {
    return new FieldSet({}, false);
  }

  /** A set from FieldsV1 children a walker built (taken as they are, keys in any order). */
  static ofChildren(children: JsonObject): FieldSet {
    return new FieldSet(children as Node, false);
  }

  /** Reads a `FieldsV1` object, checking its path elements; the object itself is kept. */
  static fromFieldsV1(json: unknown): FieldSet {
    return new FieldSet(withoutDot(validate(json)), false);
  }

  isEmpty(): boolean {
    return !this.member && !hasChildNodes(this.node);
  }

  child(element: PathElement): FieldSet | undefined {
    const node = this.node[element];
    return node && element !== DOT ? new FieldSet(withoutDot(node), isMemberNode(node)) : undefined;
  }

  elements(): string[] {
    return childKeys(this.node);
  }

  hasChildren(): boolean {
    return hasChildNodes(this.node);
  }

  /** Adds a path while a set is being built (only on a set nobody else holds yet). */
  insert(path: readonly PathElement[]): void {
    this.attachNode(path, {});
  }

  private attachNode(path: readonly PathElement[], node: Node): void {
    if (path.length === 0) return;
    let parent = this.node;
    for (let i = 0; i < path.length - 1; i++) {
      const element = path[i]!;
      let next = parent[element];
      if (!next) {
        next = {};
        parent[element] = next;
      } else if (!hasChildNodes(next) && !Object.hasOwn(next, DOT)) {
        // A member leaf gains children: it stays a member.
        next[DOT] = {};
      }
      parent = next;
    }
    const last = path[path.length - 1]!;
    const existing = parent[last];
    parent[last] = existing ? unionNodes(existing, node) : node;
  }

  /** Both sets' paths; this very set when `other` adds nothing. */
  union(other: FieldSet): FieldSet {
    if (other.isEmpty()) return this;
    if (this.isEmpty()) return other;
    const node = unionChildren(this.node, other.node);
    const member = this.member || other.member;
    return node === this.node && member === this.member ? this : new FieldSet(node, member);
  }

  /** The paths of this set that are not in `other`; this very set when nothing is removed. */
  difference(other: FieldSet): FieldSet {
    if (other.isEmpty() || this.isEmpty()) return this;
    const node = differenceChildren(this.node, other.node, false);
    const member = this.member && !other.member;
    return node === this.node && member === this.member ? this : new FieldSet(node, member);
  }

  intersection(other: FieldSet): FieldSet {
    return new FieldSet(intersectionChildren(this.node, other.node), this.member && other.member);
  }

  /** RecursiveDifference: drops the paths of `other` and everything below its members. */
  withoutSubtrees(other: FieldSet): FieldSet {
    if (other.isEmpty() || this.isEmpty()) return this;
    if (other.member) return FieldSet.empty();
    const node = differenceChildren(this.node, other.node, true);
    return node === this.node ? this : new FieldSet(node, this.member);
  }

  /** Every member path, in upstream's iteration order (a node's own members before deeper ones). */
  paths(): PathElement[][] {
    const out: PathElement[][] = [];
    const walk = (node: Node, prefix: PathElement[]) => {
      const sorted = childKeys(node).sort(comparePathElements);
      for (const element of sorted) if (isMemberNode(node[element]!)) out.push([...prefix, element]);
      for (const element of sorted) if (hasChildNodes(node[element]!)) walk(node[element]!, [...prefix, element]);
    };
    walk(this.node, []);
    return out;
  }

  /** The `FieldsV1` JSON, keys in upstream's order so equal sets serialize to equal bytes. Not to be modified. */
  toFieldsV1(): JsonObject {
    return sortedChildren(this.node) as JsonObject;
  }
}
