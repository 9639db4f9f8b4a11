import { describe, expect, it } from 'vitest';
import { parseAccept } from './accept.js';

const summary = (header: string) => parseAccept(header).map((c) => `${c.type}/${c.subType};q=${c.q}${Object.entries(c.params).map(([k, v]) => `;${k}=${v}`).join('')}`);

// github.com/munnerz/goautoneg ParseAccept, as vendored by the apiserver.
describe('parseAccept', () => {
  it.each([
    ['', []],
    ['application/json', ['application/json;q=1']],
    ['*', ['*/*;q=1']],
    ['*/*, application/json', ['application/json;q=1', '*/*;q=1']],
    ['application/*, application/json', ['application/json;q=1', 'application/*;q=1']],
    ['text/plain;q=0.5, application/json', ['application/json;q=1', 'text/plain;q=0.5']],
    ['application/json;q=0.9,application/yaml', ['application/yaml;q=1', 'application/json;q=0.8999999761581421']],
    ['a/b;q=x', ['a/b;q=0']],
    ['a/b; q= 0.5', ['a/b;q=0']],
    ['text, application/json, a/b/c, /x', ['application/json;q=1', '/x;q=1']],
    ['a/b;flag;x=1;y=2=3; z = 4 ', ['a/b;q=1;x=1;z=4']],
    [
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json',
      [
        'application/json;q=1;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
        'application/json;q=1;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList',
        'application/json;q=1',
      ],
    ],
  ])('%j', (header, expected) => {
    expect(summary(header)).toEqual(expected);
  });
});
