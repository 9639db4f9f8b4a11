import { describe, expect, it } from 'vitest';
import { parseRequestInfo } from './request-info.js';

const info = (method: string, url: string) => {
  const [path = '', query = ''] = url.split('?');
  return parseRequestInfo(method, path, new URLSearchParams(query));
};

describe('parseRequestInfo', () => {
  it.each([
    ['GET', '/api/v1/namespaces/default/pods', { verb: 'list', group: '', version: 'v1', namespace: 'default', resource: 'pods', name: '' }],
    ['GET', '/api/v1/pods', { verb: 'list', namespace: '', resource: 'pods' }],
    ['GET', '/api/v1/namespaces/default/pods/web', { verb: 'get', resource: 'pods', name: 'web' }],
    ['GET', '/api/v1/namespaces/default/pods/web/status', { verb: 'get', name: 'web', subresource: 'status' }],
    ['GET', '/api/v1/namespaces/default/pods?watch=true', { verb: 'watch', resource: 'pods' }],
    ['GET', '/api/v1/watch/namespaces/default/pods/web', { verb: 'watch', namespace: 'default', name: 'web' }],
    ['GET', '/apis/apps/v1/namespaces/x/deployments', { verb: 'list', group: 'apps', version: 'v1', namespace: 'x' }],
    ['POST', '/api/v1/namespaces/default/configmaps', { verb: 'create', resource: 'configmaps' }],
    ['PUT', '/api/v1/namespaces/default/configmaps/a', { verb: 'update', name: 'a' }],
    ['PATCH', '/api/v1/namespaces/default/configmaps/a', { verb: 'patch', name: 'a' }],
    ['DELETE', '/api/v1/namespaces/default/configmaps/a', { verb: 'delete', name: 'a' }],
    ['DELETE', '/api/v1/namespaces/default/configmaps', { verb: 'deletecollection' }],
    ['GET', '/api/v1/namespaces', { verb: 'list', resource: 'namespaces', namespace: '' }],
    ['GET', '/api/v1/namespaces/kube-system', { verb: 'get', resource: 'namespaces', name: 'kube-system', namespace: '' }],
    ['PUT', '/api/v1/namespaces/x/status', { verb: 'update', resource: 'namespaces', name: 'x', subresource: 'status' }],
    ['PUT', '/api/v1/namespaces/x/finalize', { verb: 'update', resource: 'namespaces', name: 'x', subresource: 'finalize' }],
  ])('%s %s', (method, url, expected) => {
    expect(info(method, url)).toMatchObject({ isResourceRequest: true, ...expected });
  });

  it.each(['/api', '/apis', '/api/v1', '/apis/apps', '/apis/apps/v1', '/version', '/openapi/v3', '/healthz'])(
    'treats %s as a non-resource path',
    (path) => {
      expect(info('GET', path)).toEqual({ isResourceRequest: false, path });
    },
  );

  it('decodes percent-encoded names', () => {
    expect(info('GET', '/api/v1/namespaces/default/configmaps/a%3Ab')).toMatchObject({ name: 'a:b' });
  });
});
