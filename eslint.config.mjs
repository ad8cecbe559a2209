import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
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
    // The web app runs in the browser and talks to the server through the public API only.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['#app/*', '#migrations', '**/libs/**', '**/apps/api/**'], message: 'The web app uses the public API only (src/api/client.ts), never server code.' }] },
      ],
    },
  },
  {
    // Where the environment is the point: configuration, test setup, scripts and benchmarks.
    files: ['libs/core/src/config/**', 'test/**', 'scripts/**', 'bench/**', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '*.mjs'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
