/**
 * The HTTP answer a refused patch gets, named by its `Status` reason:
 * - `BadRequest` (400), `Invalid` (422), `Conflict` (409), `RequestEntityTooLarge` (413);
 * - `InternalError` (500): errors k8s.io/apiserver does not translate (most strategic merge patch
 *   errors, e.g. a `$patch` value it does not know). `ErrorToAPIStatus` answers those with code 500,
 *   the error's text as `message`, and no `reason` at all.
 */
export type PatchErrorCode = 'BadRequest' | 'Invalid' | 'Conflict' | 'RequestEntityTooLarge' | 'InternalError';

/** Marks PatchErrors, so they are recognized across copies of this package (its ESM and CJS builds). */
const BRAND = Symbol.for('@kubekit/patch:PatchError');

/** A patch the server must refuse; `code` picks the HTTP status the server answers with. */
export class PatchError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  override readonly name = 'PatchError';
  constructor(
    readonly code: PatchErrorCode,
    /** The `Status` message, worded as the real apiserver words it. */
    message: string,
    /**
     * What went wrong, when the real server hides it behind a generic message (a failed JSON patch
     * operation answers "the server rejected our request due to an error in our request"). For logs.
     */
    readonly detail?: string,
  ) {
    super(message);
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * `errors.NewGenericServerResponse(422, …)`: the apiserver's answer to a JSON patch operation that
 * fails and to some strategic merge patch errors. Its Status has `reason: Invalid`, this message,
 * and empty `details` (no causes): the underlying error text is not sent.
 */
export function unprocessable(detail: string): PatchError {
  return new PatchError('Invalid', 'the server rejected our request due to an error in our request', detail);
}
