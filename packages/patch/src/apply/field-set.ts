import { type JsonObject, isObject } from '../json.js';
import { type PathElement, comparePathElements, isPathElement } from './path-element.js';

/** A FieldsV1 document the server cannot read: the entry is treated as absent. */
export class InvalidFieldsError extends Error {
  override readonly name = 'InvalidFieldsError';
}

/**
 * A set of field paths (structured-merge-diff's fieldpath.Set) as a tree: a node is a `member`
 * when its own path is in the set, and has children for longer paths. Its JSON form is the
 * `FieldsV1` of a managedFields entry. Sets are values: operations return new sets and never
 * change their operands, so a parsed set can be cached and shared.
 */
export class FieldSet {
  private constructor(
    private isMember: boolean,
    private readonly nodes: Map<PathElement, FieldSet>,
  ) {}

  static empty(): FieldSet {
    return new FieldSet(false, new Map());
  }

  /** Reads a `FieldsV1` object: `{}` marks a member, `"."` marks the enclosing path as one. */
  static fromFieldsV1(json: unknown): FieldSet {
    if (!isObject(json)) throw new InvalidFieldsError('FieldsV1 must be a JSON object');
    const set = FieldSet.empty();
    for (const [key, value] of Object.entries(json)) {
      if (key === '.') {
        set.isMember = true;
        continue;
      }
      if (!isPathElement(key)) throw new InvalidFieldsError(`invalid path element ${JSON.stringify(key)}`);
      const child = FieldSet.fromFieldsV1(value);
      if (child.nodes.size === 0) child.isMember = true;
      set.nodes.set(key, child);
    }
    return set;
  }

  get member(): boolean {
    return this.isMember;
  }

  isEmpty(): boolean {
    return !this.isMember && this.nodes.size === 0;
  }

  child(element: PathElement): FieldSet | undefined {
    return this.nodes.get(element);
  }

  elements(): IterableIterator<PathElement> {
    return this.nodes.keys();
  }

  hasChildren(): boolean {
    return this.nodes.size > 0;
  }

  /** Adds a path while a set is being built (only on a set nobody else holds yet). */
  insert(path: readonly PathElement[]): void {
    this.descend(path, true)!.isMember = true;
  }

  has(path: readonly PathElement[]): boolean {
    return this.descend(path, false)?.isMember ?? false;
  }

  /** The node at `path`, made on the way when `create`. */
  private descend(path: readonly PathElement[], create: boolean): FieldSet | undefined {
    let node: FieldSet | undefined = path.length === 0 ? this : undefined;
    let nodes = this.nodes;
    for (const element of path) {
      node = nodes.get(element);
      if (!node) {
        if (!create) return undefined;
        node = FieldSet.empty();
        nodes.set(element, node);
      }
      nodes = node.nodes;
    }
    return node;
  }

  union(other: FieldSet): FieldSet {
    if (other.isEmpty()) return this;
    if (this.isEmpty()) return other;
    const nodes = new Map(this.nodes);
    for (const [element, child] of other.nodes) {
      const mine = nodes.get(element);
      nodes.set(element, mine ? mine.union(child) : child);
    }
    return new FieldSet(this.isMember || other.isMember, nodes);
  }

  /** The paths of this set that are not in `other` (a member of `other` removes only itself). */
  difference(other: FieldSet): FieldSet {
    if (other.isEmpty() || this.isEmpty()) return this;
    const nodes = new Map<PathElement, FieldSet>();
    for (const [element, child] of this.nodes) {
      const theirs = other.nodes.get(element);
      const rest = theirs ? child.difference(theirs) : child;
      if (!rest.isEmpty()) nodes.set(element, rest);
    }
    return new FieldSet(this.isMember && !other.isMember, nodes);
  }

  intersection(other: FieldSet): FieldSet {
    const nodes = new Map<PathElement, FieldSet>();
    for (const [element, child] of this.nodes) {
      const theirs = other.nodes.get(element);
      if (!theirs) continue;
      const both = child.intersection(theirs);
      if (!both.isEmpty()) nodes.set(element, both);
    }
    return new FieldSet(this.isMember && other.isMember, nodes);
  }

  /** RecursiveDifference: drops the paths of `other` and everything below its members. */
  withoutSubtrees(other: FieldSet): FieldSet {
    if (other.isEmpty() || this.isEmpty()) return this;
    const nodes = new Map<PathElement, FieldSet>();
    for (const [element, child] of this.nodes) {
      const theirs = other.nodes.get(element);
      if (theirs?.isMember) continue;
      const rest = theirs ? child.withoutSubtrees(theirs) : child;
      if (!rest.isEmpty()) nodes.set(element, rest);
    }
    return new FieldSet(this.isMember && !other.isMember, nodes);
  }

  equals(other: FieldSet): boolean {
    if (this === other) return true;
    if (this.isMember !== other.isMember || this.nodes.size !== other.nodes.size) return false;
    for (const [element, child] of this.nodes) {
      const theirs = other.nodes.get(element);
      if (!theirs || !child.equals(theirs)) return false;
    }
    return true;
  }

  /** Every member path, in upstream's iteration order (a node's own members before deeper ones). */
  paths(): PathElement[][] {
    const out: PathElement[][] = [];
    const walk = (node: FieldSet, prefix: PathElement[]) => {
      const sorted = [...node.nodes.keys()].sort(comparePathElements);
      for (const element of sorted) if (node.nodes.get(element)!.isMember) out.push([...prefix, element]);
      for (const element of sorted) {
        const child = node.nodes.get(element)!;
        if (child.nodes.size > 0) walk(child, [...prefix, element]);
      }
    };
    walk(this, []);
    return out;
  }

  /** The `FieldsV1` JSON, keys in upstream's order so equal sets serialize to equal bytes. */
  toFieldsV1(): JsonObject {
    const out: JsonObject = {};
    if (this.isMember && this.nodes.size > 0) out['.'] = {};
    for (const element of [...this.nodes.keys()].sort(comparePathElements)) {
      out[element] = this.nodes.get(element)!.toFieldsV1();
    }
    return out;
  }
}
