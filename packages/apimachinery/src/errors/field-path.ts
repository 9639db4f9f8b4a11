/**
 * A path to a field, printed as k8s.io/apimachinery/pkg/util/validation/field.Path prints it:
 * `spec.containers[0].image`, `metadata.labels[app]`.
 */
export class FieldPath {
  private constructor(
    private readonly elements: readonly { name?: string; index?: string }[],
  ) {}

  /** field.NewPath: a root path, with optional children. */
  static of(name: string, ...moreNames: string[]): FieldPath {
    return new FieldPath([name, ...moreNames].map((n) => ({ name: n })));
  }

  /** A child field: `spec` → `spec.containers`. */
  child(name: string, ...moreNames: string[]): FieldPath {
    return new FieldPath([...this.elements, ...[name, ...moreNames].map((n) => ({ name: n }))]);
  }

  /** A list element: `spec.containers` → `spec.containers[0]`. */
  index(index: number): FieldPath {
    return new FieldPath([...this.elements, { index: String(index) }]);
  }

  /** A map entry: `metadata.labels` → `metadata.labels[app]`. */
  key(key: string): FieldPath {
    return new FieldPath([...this.elements, { index: key }]);
  }

  toString(): string {
    let out = '';
    this.elements.forEach((element, i) => {
      if (element.name) out += i > 0 ? `.${element.name}` : element.name;
      else out += `[${element.index ?? ''}]`;
    });
    return out;
  }
}

/** Where a field error points: a FieldPath or its printed form. */
export type FieldPathLike = FieldPath | string;

/** Shorthand for {@link FieldPath.of}. */
export function fieldPath(name: string, ...moreNames: string[]): FieldPath {
  return FieldPath.of(name, ...moreNames);
}
