import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.tools/**', '**/generated/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Nothing below the server knows about adapters, and adapters use only the server's public surface.
    files: ['packages/*/src/**/*.ts'],
    ignores: ['packages/testing/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@kubekit/node', '@kubekit/express', '@kubekit/hono'], message: 'No package imports an adapter.' },
            { group: ['@kubekit/*/src/*', '../../*/src/*'], message: 'Import a package through its public entry point.' },
          ],
        },
      ],
    },
  },
  {
    // The fixtures sit above the Node adapter (DESIGN: testing depends on server and node).
    files: ['packages/testing/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@kubekit/express', '@kubekit/hono'], message: 'The fixtures serve through @kubekit/node only.' },
            { group: ['@kubekit/*/src/*', '../../*/src/*'], message: 'Import a package through its public entry point.' },
          ],
        },
      ],
    },
  },
);
