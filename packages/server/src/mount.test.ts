import { describe, expect, it } from 'vitest';
import { mountPrefix, pathBelow } from './mount.js';

describe('pathBelow', () => {
  it('takes the base path off the paths under it', () => {
    expect(pathBelow('/k8s', '/k8s/api/v1')).toBe('/api/v1');
    expect(pathBelow('/k8s/', '/k8s/api/v1')).toBe('/api/v1');
    expect(pathBelow('/k8s', '/k8s')).toBe('/');
    expect(pathBelow('/k8s', '/k8s/')).toBe('/');
    expect(pathBelow('/a/b', '/a/b/version')).toBe('/version');
  });

  it('leaves every path alone at the root', () => {
    expect(pathBelow('', '/api')).toBe('/api');
    expect(pathBelow('/', '/api')).toBe('/api');
  });

  it('finds nothing outside the base path, nor in a name that only starts like it', () => {
    expect(pathBelow('/k8s', '/api/v1')).toBeUndefined();
    expect(pathBelow('/k8s', '/k8sx/api')).toBeUndefined();
    expect(pathBelow('/k8s', '/k8')).toBeUndefined();
  });
});

describe('mountPrefix', () => {
  it('prints a base path without its trailing slash', () => {
    expect(mountPrefix(undefined)).toBe('');
    expect(mountPrefix('/')).toBe('');
    expect(mountPrefix('/k8s/')).toBe('/k8s');
    expect(mountPrefix('/k8s')).toBe('/k8s');
  });
});
