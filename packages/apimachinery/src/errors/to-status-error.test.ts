import { describe, expect, it } from 'vitest';
import { newNotFound } from './resource-errors.js';
import { StatusError, isStatusError } from './status-error.js';
import { toStatusError } from './to-status-error.js';

describe('StatusError', () => {
  it('is an Error carrying its Status', () => {
    const error = newNotFound({ group: '', resource: 'pods' }, 'x');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('StatusError');
    expect(error.code).toBe(404);
    expect(error.reason).toBe('NotFound');
    expect(JSON.parse(JSON.stringify(error))).toEqual(error.status);
    expect(isStatusError(error)).toBe(true);
    expect(isStatusError(error, 'NotFound')).toBe(true);
    expect(isStatusError(error, 'Conflict')).toBe(false);
    expect(isStatusError(new Error('x'))).toBe(false);
  });

  it('defaults the code to 500 as ErrorToAPIStatus does', () => {
    expect(new StatusError({ message: 'x' }).code).toBe(500);
  });
});

describe('toStatusError', () => {
  it('passes a StatusError through', () => {
    const error = newNotFound({ group: '', resource: 'pods' }, 'x');
    expect(toStatusError(error)).toBe(error);
  });

  it('wraps a Status body', () => {
    const body = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'nope', reason: 'Forbidden', code: 403 };
    const error = toStatusError(body);
    expect(error.status).toEqual(body);
  });

  it.each([
    [new TypeError('cannot read x'), 'Internal error occurred: cannot read x', 'cannot read x'],
    ['plain string', 'Internal error occurred: plain string', 'plain string'],
    [42, 'Internal error occurred: unknown error', 'unknown error'],
    [undefined, 'Internal error occurred: unknown error', 'unknown error'],
  ])('turns %j into 500 InternalError', (thrown, message, cause) => {
    const error = toStatusError(thrown);
    expect(error.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason: 'InternalError',
      details: { causes: [{ message: cause }] },
      code: 500,
    });
    expect(error.message).not.toContain('    at ');
  });
});
