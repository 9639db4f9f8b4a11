interface ObjectFrame {
  kind: 'object';
  path: string;
  keys: Set<string>;
  /** The key whose value comes next; undefined while a key is expected. */
  key: string | undefined;
}

interface ArrayFrame {
  kind: 'array';
  path: string;
  index: number;
}

type Frame = ObjectFrame | ArrayFrame;

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** The path of the value about to start inside `frame`. */
function childPath(frame: Frame | undefined): string {
  if (!frame) return '';
  return frame.kind === 'array' ? `${frame.path}[${frame.index}]` : join(frame.path, frame.key ?? '');
}

/**
 * The paths of keys that appear twice in one JSON object (`spec.replicas`,
 * `spec.containers[0].name`), in document order: what fieldValidation reports as
 * `duplicate field "…"`, since `JSON.parse` keeps the last value silently. The text must
 * already be valid JSON.
 */
export function duplicateFields(text: string): string[] {
  const duplicates: string[] = [];
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const top = stack.at(-1);
    if (char === '{' || char === '[') {
      const path = childPath(top);
      stack.push(char === '{' ? { kind: 'object', path, keys: new Set(), key: undefined } : { kind: 'array', path, index: 0 });
    } else if (char === '}' || char === ']') {
      stack.pop();
    } else if (char === ',') {
      if (top?.kind === 'array') top.index++;
      else if (top) top.key = undefined;
    } else if (char === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (top?.kind === 'object' && top.key === undefined) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) duplicates.push(join(top.path, key));
        top.keys.add(key);
        top.key = key;
      }
      i = end;
    }
  }
  return duplicates;
}
