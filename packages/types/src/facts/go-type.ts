const SCALAR_GO_TYPES: Record<string, string> = {
  string: 'string',
  int32: 'int32',
  int64: 'int64',
  number: 'float64',
  boolean: 'bool',
  bytes: '[]uint8',
  quantity: 'resource.Quantity',
  'int-or-string': 'intstr.IntOrString',
  time: 'v1.Time',
  'micro-time': 'v1.MicroTime',
  duration: 'v1.Duration',
  raw: 'runtime.RawExtension',
  'fields-v1': 'v1.FieldsV1',
};

/**
 * Go's name (as `reflect` prints it) for a type of the table's type language, assuming no named
 * type is involved. The generator stores a field's Go type only when it differs from this.
 * `goNameOf` maps a package alias of the table to its Go package name.
 */
export function derivedGoType(dsl: string, ownGoName: string, goNameOf: (alias: string) => string): string {
  if (dsl.startsWith('[]')) return `[]${derivedGoType(dsl.slice(2), ownGoName, goNameOf)}`;
  if (dsl.startsWith('{}')) return `map[string]${derivedGoType(dsl.slice(2), ownGoName, goNameOf)}`;
  const scalar = SCALAR_GO_TYPES[dsl];
  if (scalar) return scalar;
  const dot = dsl.indexOf('.');
  return dot === -1 ? `${ownGoName}.${dsl}` : `${goNameOf(dsl.slice(0, dot))}.${dsl.slice(dot + 1)}`;
}
