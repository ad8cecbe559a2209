import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Zero warnings: `npm run lint` (and `npm test`) fail on any finding. */
export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', 'coverage/', 'test-artifacts/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through AppConfig (libs/core/src/config); only it reads process.env.' },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/libs/*/src/*', '!**/libs/*/src/index*'], message: 'Import a lib through its index: #app/<lib>.' }] },
      ],
    },
  },
  {
    // Where the environment is the point: configuration, test setup, scripts and benchmarks.
    files: ['libs/core/src/config/**', 'test/**', 'scripts/**', 'bench/**', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '*.mjs'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
