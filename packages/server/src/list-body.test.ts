import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isStream } from './api-request.js';
import { utf8 } from './bytes.js';
import { LIST_CHUNK_BYTES, jsonListBody } from './list-body.js';

async function collect(body: Uint8Array | AsyncIterable<string | Uint8Array>): Promise<Uint8Array[]> {
  if (!isStream(body)) return [body];
  const out: Uint8Array[] = [];
  for await (const chunk of body) out.push(typeof chunk === 'string' ? utf8(chunk) : chunk);
  return out;
}

const text = (chunks: Uint8Array[]) => new TextDecoder().decode(Buffer.concat(chunks));

describe('jsonListBody', () => {
  it('is one array for a list that fits in a chunk', async () => {
    const body = jsonListBody('{"items":[', [utf8('{"a":1}'), utf8('{"b":"é"}')], ']}').body;
    expect(isStream(body)).toBe(false);
    expect(text(await collect(body))).toBe('{"items":[{"a":1},{"b":"é"}]}');
    expect(text(await collect(jsonListBody('[', [], ']').body))).toBe('[]');
  });

  it('streams a longer list in full chunks, the last one shorter, with every byte in order', async () => {
    const item = utf8(JSON.stringify({ data: 'x'.repeat(1000) }));
    const items = Array.from({ length: 600 }, () => item);
    const { body, length } = jsonListBody('{"items":[', items, ']}');
    expect(isStream(body)).toBe(true);
    const chunks = await collect(body);
    expect(Buffer.concat(chunks).length).toBe(length);
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.slice(0, -1).every((chunk) => chunk.length === LIST_CHUNK_BYTES)).toBe(true);
    expect(JSON.parse(text(chunks))).toEqual({ items: items.map(() => ({ data: 'x'.repeat(1000) })) });
  });

  it('joins any items to the same text as a string join', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme', maxLength: 40_000 }), { maxLength: 30 }), async (values) => {
        const items = values.map((value) => utf8(JSON.stringify(value)));
        const expected = `[${values.map((value) => JSON.stringify(value)).join(',')}]`;
        expect(text(await collect(jsonListBody('[', items, ']').body))).toBe(expected);
      }),
      { numRuns: 50 },
    );
  });
});
