/** JSON forms of the special Kubernetes scalars, as their Go `UnmarshalJSON` accepts them. */

/** resource.ParseQuantity's format check. */
export const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
/** Suffixes ParseQuantity accepts after the number (binary SI, decimal SI, or an exponent). */
export const QUANTITY_SUFFIX = /^(?:|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][-+]?[0-9]+)$/;
export const QUANTITY_FORMAT_MESSAGE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** time.RFC3339 as time.Parse accepts it (fractional seconds allowed). */
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** metav1.RFC3339Micro: exactly six fractional digits. */
export const RFC3339_MICRO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(Z|[+-]\d{2}:\d{2})$/;

/** time.ParseDuration: `0`, or signed sequence of decimal numbers with units. */
export const DURATION = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;

/** encoding/base64 StdEncoding (padded); Go skips CR and LF. */
export const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
