/**
 * Values that are ready now or later. The write path stays synchronous while every step is, so
 * a storage's tryUpdate runs inside one turn and cannot lose its compare-and-swap to a
 * concurrent write (which would run the whole update again); a step that is asynchronous (an
 * admission webhook, a namespace lookup on create) makes the rest follow it.
 */
export type MaybePromise<T> = T | Promise<T>;

export function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/** `next(value)`, at once when `value` is ready, else once it settles. */
export function andThen<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return isPromiseLike(value) ? Promise.resolve(value).then(next) : next(value);
}
