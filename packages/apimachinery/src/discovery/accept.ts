/**
 * An Accept header as github.com/munnerz/goautoneg (the parser the apiserver uses) reads it:
 * clauses sorted by q, then concrete before wildcard types, with the same quirks (unparsable q
 * is 0, parameters without a value are dropped, only spaces are trimmed).
 */
export interface AcceptClause {
  type: string;
  subType: string;
  q: number;
  params: Record<string, string>;
}

function split(s: string, sep: string): [string, string] {
  const index = s.indexOf(sep);
  return index === -1 ? [s, ''] : [s.slice(0, index), s.slice(index + 1)];
}

const trimSpaces = (s: string): string => s.replace(/^ +| +$/g, '');
const FLOAT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** strconv.ParseFloat(s, 32), 0 when Go would fail to parse. */
function parseQ(value: string): number {
  return FLOAT.test(value) ? Math.fround(Number(value)) : 0;
}

function parseClause(part: string): AcceptClause | undefined {
  const [range, paramText] = split(trimSpaces(part), ';');
  const [typeText, rest] = split(range, '/');
  const type = trimSpaces(typeText);
  let subType: string;
  if (rest.length === 0) {
    if (type !== '*') return undefined;
    subType = '*';
  } else {
    const [subTypeText, extra] = split(rest, '/');
    if (extra.length > 0) return undefined;
    subType = trimSpaces(subTypeText);
  }
  const clause: AcceptClause = { type, subType, q: 1, params: {} };
  let remaining = paramText;
  while (remaining.length > 0) {
    let param: string;
    [param, remaining] = split(remaining, ';');
    const [name, valueText] = split(param, '=');
    if (valueText.length === 0) continue;
    const [value, extra] = split(valueText, '=');
    if (extra.length > 0) continue;
    const token = trimSpaces(name);
    if (token === 'q') clause.q = parseQ(value);
    else clause.params[token] = trimSpaces(value);
  }
  return clause;
}

function less(a: AcceptClause, b: AcceptClause): boolean {
  if (a.q > b.q) return true;
  if (a.type !== '*' && b.type === '*') return true;
  return a.subType !== '*' && b.subType === '*';
}

/** goautoneg.ParseAccept: the clauses in the order the server tries them. */
export function parseAccept(header: string): AcceptClause[] {
  const clauses: AcceptClause[] = [];
  let remaining = header;
  while (remaining.length > 0) {
    let part: string;
    [part, remaining] = split(remaining, ',');
    const clause = parseClause(part);
    if (clause) clauses.push(clause);
  }
  // Go's sort.Sort is an insertion sort for the handful of clauses a header has.
  for (let i = 1; i < clauses.length; i++) {
    for (let j = i; j > 0 && less(clauses[j] as AcceptClause, clauses[j - 1] as AcceptClause); j--) {
      [clauses[j - 1], clauses[j]] = [clauses[j] as AcceptClause, clauses[j - 1] as AcceptClause];
    }
  }
  return clauses;
}
