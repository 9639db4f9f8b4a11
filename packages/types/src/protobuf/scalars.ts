/** `k8s\0`: the prefix of every protobuf body (k8s.io/apimachinery/pkg/runtime/serializer/protobuf). */
export const MAGIC: readonly number[] = [0x6b, 0x38, 0x73, 0x00];

export function hasMagic(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

// Go's []byte is base64 (StdEncoding, padded) in JSON. btoa and atob work on "binary strings".
const CHUNK = 0x8000;

export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export interface Timestamp {
  readonly seconds: number;
  readonly nanos: number;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/** time.Parse(time.RFC3339, s) as Unix seconds and nanoseconds. */
export function parseRfc3339(text: string): Timestamp {
  const m = RFC3339.exec(text);
  if (!m) throw new Error(`protobuf: cannot encode ${JSON.stringify(text)} as a time (RFC 3339 expected)`);
  const [, y, mo, d, h, mi, s, fraction = '', sign, oh = '0', om = '0'] = m;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), 0);
  const offset = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60);
  return { seconds: date.getTime() / 1000 - offset, nanos: Number(fraction.padEnd(9, '0')) };
}

/**
 * The JSON form of a Timestamp in UTC: metav1.Time with seconds (`2006-01-02T15:04:05Z07:00`),
 * metav1.MicroTime with six fractional digits (RFC3339Micro).
 */
export function formatRfc3339({ seconds, nanos }: Timestamp, micro: boolean): string {
  const whole = new Date(seconds * 1000).toISOString().slice(0, 19);
  return micro ? `${whole}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${whole}Z`;
}
