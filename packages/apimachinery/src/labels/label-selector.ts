import { compareGoStrings, goQuote } from '../errors/go-format.js';
import { newBadRequest } from '../errors/request-errors.js';
import type { FieldPath } from '../errors/field-path.js';
import type { LabelSelector } from '../meta.js';
import { parseRequirements } from './parser.js';
import { type LabelRequirement, newRequirement, requirementMatches, requirementToString } from './requirement.js';

/**
 * A parsed label selector (labels.Selector): an AND of requirements, sorted by key. `nothing`
 * is the selector of a nil metav1.LabelSelector, which matches no object.
 */
export class ParsedLabelSelector {
  private constructor(
    readonly requirements: readonly LabelRequirement[],
    private readonly nothing = false,
  ) {}

  /** labels.Everything(): matches every object. */
  static everything(): ParsedLabelSelector {
    return new ParsedLabelSelector([]);
  }

  /** labels.Nothing(): matches no object. */
  static nothing(): ParsedLabelSelector {
    return new ParsedLabelSelector([], true);
  }

  /** labels.SelectorFromSet: `key=value` for each entry, unvalidated. */
  static fromSet(labels: Readonly<Record<string, string>>): ParsedLabelSelector {
    return ParsedLabelSelector.of(Object.entries(labels).map(([key, value]) => ({ key, operator: '=', values: [value] })));
  }

  /** A selector of the given requirements, sorted by key (stable for equal keys). */
  static of(requirements: readonly LabelRequirement[]): ParsedLabelSelector {
    return new ParsedLabelSelector([...requirements].sort((a, b) => compareGoStrings(a.key, b.key)));
  }

  /** Whether every requirement holds for `labels`. */
  matches(labels: Readonly<Record<string, string>> | undefined): boolean {
    if (this.nothing) return false;
    const set = labels ?? {};
    return this.requirements.every((requirement) => requirementMatches(requirement, set));
  }

  /** True when the selector restricts nothing (Nothing is not empty). */
  empty(): boolean {
    return !this.nothing && this.requirements.length === 0;
  }

  /** True for labels.Nothing(), the selector of a nil metav1.LabelSelector. */
  matchesNothing(): boolean {
    return this.nothing;
  }

  /** The selector with more requirements, re-sorted by key. */
  add(...requirements: LabelRequirement[]): ParsedLabelSelector {
    if (this.nothing) return this;
    return ParsedLabelSelector.of([...this.requirements, ...requirements]);
  }

  /** RequiresExactMatch: the single value `=`, `==` or a one-value `in` requires of `label`. */
  requiresExactMatch(label: string): string | undefined {
    const requirement = this.requirements.find((r) => r.key === label);
    if (!requirement) return undefined;
    const exact = requirement.operator === '=' || requirement.operator === '==' || requirement.operator === 'in';
    return exact && requirement.values.length === 1 ? requirement.values[0] : undefined;
  }

  /** The label keys the selector reads. */
  keys(): string[] {
    return [...new Set(this.requirements.map((r) => r.key))];
  }

  /** String(): `app=web,tier in (be,fe),!canary`; `''` for Everything and Nothing. */
  toString(): string {
    return this.requirements.map(requirementToString).join(',');
  }
}

/**
 * Parses a `labelSelector` query parameter (labels.Parse): `=`, `==`, `!=`, `in (a,b)`,
 * `notin (a,b)`, `key`, `!key`, `key>1`, `key<1`, joined by commas. Throws a 400 BadRequest
 * StatusError with the real parser's message, which is what the apiserver answers.
 */
export function parseLabelSelector(selector: string, path?: FieldPath): ParsedLabelSelector {
  const result = parseRequirements(selector, path);
  if ('error' in result) throw newBadRequest(result.error);
  return ParsedLabelSelector.of(result.requirements);
}

const META_OPERATORS: Record<string, LabelRequirement['operator'] | undefined> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * metav1.LabelSelectorAsSelector: `undefined`/`null` selects nothing, `{}` everything; matchLabels
 * become `=` and matchExpressions In/NotIn/Exists/DoesNotExist. Throws an Error with the real
 * message for an unknown operator or an invalid key, value or arity.
 */
export function labelSelectorFromMeta(selector: LabelSelector | null | undefined): ParsedLabelSelector {
  if (!selector) return ParsedLabelSelector.nothing();
  const matchLabels = Object.entries(selector.matchLabels ?? {});
  const expressions = selector.matchExpressions ?? [];
  if (matchLabels.length + expressions.length === 0) return ParsedLabelSelector.everything();
  const requirements: LabelRequirement[] = [];
  const add = (key: string, operator: LabelRequirement['operator'], values: readonly string[] | undefined) => {
    const { requirement, error } = newRequirement(key, operator, values);
    if (error !== undefined) throw new Error(error);
    requirements.push(requirement);
  };
  for (const [key, value] of matchLabels) add(key, '=', [value]);
  for (const expression of expressions) {
    const operator = META_OPERATORS[expression.operator];
    if (!operator) throw new Error(`${goQuote(expression.operator)} is not a valid label selector operator`);
    add(expression.key, operator, expression.values && expression.values.length > 0 ? expression.values : undefined);
  }
  return ParsedLabelSelector.of(requirements);
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(selector: LabelSelector | null | undefined): string {
  let text: string;
  try {
    text = labelSelectorFromMeta(selector).toString();
  } catch {
    return '<error>';
  }
  return text.length === 0 ? '<none>' : text;
}
