/*
 * Just enough of resource.Quantity (k8s.io/apimachinery/pkg/api/resource) to compare and add
 * quantities: QoS classes and request-versus-limit checks. Values are float64 approximations;
 * the strings clients sent are kept as they are.
 */

const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

const SUFFIXES: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The numeric value of a quantity such as `500m`, `1Gi` or `1e3`; undefined when it does not parse. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const match = QUANTITY.exec(value.trim());
  if (!match) return undefined;
  const number = Number(match[1]);
  const suffix = match[2] ?? '';
  if (Number.isNaN(number)) return undefined;
  const multiplier = SUFFIXES[suffix];
  if (multiplier !== undefined) return number * multiplier;
  const exponent = /^[eE]([-+]?[0-9]+)$/.exec(suffix);
  return exponent ? number * 10 ** Number(exponent[1]) : undefined;
}

/** Quantity.Cmp: -1, 0 or 1, with a tolerance for the float rounding of decimal suffixes. */
export function compareQuantities(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b), 1e-9);
  if (Math.abs(a - b) / scale < 1e-12) return 0;
  return a < b ? -1 : 1;
}

/** The string a quantity prints as in messages and cells. */
export function quantityString(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '0';
}
