import type { RequestInfo } from '@kubekit/server';
import { describe, expect, it } from 'vitest';
import { faultStatusError } from './fault-status.js';

const info: RequestInfo = { isResourceRequest: true, verb: 'update', group: 'apps', version: 'v1', namespace: 'default', resource: 'deployments', name: 'web', subresource: '' };

describe('faultStatusError', () => {
  it('words each code as the apiserver does, with the reason that goes with it', () => {
    expect(faultStatusError({ status: 409 }, info).status).toMatchObject({ code: 409, reason: 'Conflict', details: { name: 'web', group: 'apps', kind: 'deployments' } });
    expect(faultStatusError({ status: 429 }, info).status).toMatchObject({ code: 429, reason: 'TooManyRequests', details: { retryAfterSeconds: 1 } });
    expect(faultStatusError({ status: 500, message: 'etcd down' }, info).status).toMatchObject({ code: 500, reason: 'InternalError', message: 'Internal error occurred: etcd down' });
    expect(faultStatusError({ status: 503 }, info).status).toMatchObject({ code: 503, reason: 'ServiceUnavailable' });
    expect(faultStatusError({ status: 504 }, info).status).toMatchObject({ code: 504, reason: 'Timeout' });
  });

  it('takes a reason and a retry delay given for any code', () => {
    expect(faultStatusError({ status: 503, reason: 'ServerTimeout', retryAfterSeconds: 5 }, info).status).toMatchObject({
      code: 503,
      reason: 'ServerTimeout',
      details: { retryAfterSeconds: 5 },
    });
  });
});
