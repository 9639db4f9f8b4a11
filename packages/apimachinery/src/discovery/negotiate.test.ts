import { describe, expect, it } from 'vitest';
import {
  DISCOVERY_V2BETA1_CONTENT_TYPE,
  DISCOVERY_V2_CONTENT_TYPE,
  discoveryContentType,
  discoveryETag,
  negotiateDiscovery,
  negotiateDiscoveryMediaType,
} from './negotiate.js';

const V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const V2BETA1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

// The apiserver's aggregated discovery WrappedHandler (endpoints/discovery/aggregated/wrapper.go,
// negotiation.go) over handlers/negotiation/negotiate.go (v0.35); kubectl 1.35's Accept is the
// first case (WIRE.md).
describe('negotiateDiscovery', () => {
  it.each([
    [`${V2},${V2BETA1},application/json`, 'v2'],
    [`${V2BETA1},${V2},application/json`, 'v2beta1'],
    [`${V2BETA1},application/json`, 'v2beta1'],
    ['application/json, */*', 'legacy'],
    ['application/json', 'legacy'],
    ['', 'legacy'],
    [undefined, 'legacy'],
    [null, 'legacy'],
    [`application/json, ${V2}`, 'v2'],
    [`application/json;q=0.9, ${V2};q=0.5`, 'v2'],
    ['*/*;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList', 'v2'],
    ['application/*;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList', 'v2'],
    ['application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList', 'legacy'],
    ['application/json;v=v2;as=APIGroupDiscoveryList', 'legacy'],
    ['application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscovery', 'legacy'],
    [`${V2};stream=watch`, 'v2'],
    [`${V2};stream=other`, 'legacy'],
    [`${V2};sv=v1`, 'legacy'],
    [`${V2};pretty=1;profile=nopeer`, 'v2'],
    ['application/yaml;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList', 'legacy'],
    ['application/json;as=Table;v=v1;g=meta.k8s.io', 'legacy'],
  ])('%j → %s', (accept, expected) => {
    expect(negotiateDiscovery(accept)).toBe(expected);
  });

  it('can refuse v2beta1 as kube-apiserver 1.35 does', () => {
    expect(negotiateDiscovery(`${V2BETA1},application/json`, { serveV2Beta1: false })).toBe('legacy');
    expect(negotiateDiscovery(`${V2BETA1},${V2}`, { serveV2Beta1: false })).toBe('v2');
  });

  it('matches the media types the caller writes and names the Content-Type', () => {
    expect(negotiateDiscoveryMediaType('application/yaml;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList', {
      mediaTypes: ['application/json', 'application/yaml'],
    })).toEqual({
      version: 'v2',
      mediaType: 'application/yaml',
      contentType: 'application/yaml;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    });
    expect(negotiateDiscoveryMediaType(`${V2},application/json`)).toEqual({ version: 'v2', mediaType: 'application/json', contentType: V2 });
  });

  it('exports the exact Content-Type strings', () => {
    expect(DISCOVERY_V2_CONTENT_TYPE).toBe(V2);
    expect(DISCOVERY_V2BETA1_CONTENT_TYPE).toBe(V2BETA1);
    expect(discoveryContentType('v2')).toBe(V2);
  });
});

// aggregated/etag.go: the quoted upper-case hex SHA-512 of the JSON document.
describe('discoveryETag', () => {
  it('is stable and changes with the document', async () => {
    const a = await discoveryETag({ kind: 'APIGroupDiscoveryList', items: [] });
    expect(a).toMatch(/^"[0-9A-F]{128}"$/);
    expect(await discoveryETag({ kind: 'APIGroupDiscoveryList', items: [] })).toBe(a);
    expect(await discoveryETag({ kind: 'APIGroupDiscoveryList', items: [{}] })).not.toBe(a);
    expect(await discoveryETag({ a: 1 })).toBe(
      '"EFB7A8298F905AE743DBE2152E162415F62A16D2D5AC5C78816DCD57114E7A574729B813988F1D0984CF6F38C4FCC9A37EA9FEC3DA351983536F72785D7AB707"',
    );
  });
});
