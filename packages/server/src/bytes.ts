const encoder = new TextEncoder();

/** UTF-8 bytes of a string (the web standard, so the core runs outside Node too). */
export const utf8 = (text: string): Uint8Array => encoder.encode(text);

/** The parts one after another: a lone part as it is (shared, not copied), more in one new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
