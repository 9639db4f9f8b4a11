// @kubernetes/client-node is an ES module only, so jest runs in its ESM mode
// (node --experimental-vm-modules, see package.json), with TypeScript compiled by swc.
export default {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
  // Sources import each other as './x.js' (Node's ESM rule); jest looks for the .ts file.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // A controller converges in milliseconds; the 429 test waits out a 1 s Retry-After, and
  // client-node 2.x's informer waits 1 s before it relists.
  testTimeout: 20_000,
};
