// ESLint flat config: typescript-eslint type-checked rules on TypeScript, plain rules on JS,
// Prettier owns formatting (eslint-config-prettier last turns off every stylistic rule).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Test code: suites by suffix, shared contract suites, test-support folders and black-box tests.
const testFiles = [
  '**/*.spec.ts',
  '**/*.int-spec.ts',
  '**/*.e2e-spec.ts',
  '**/*.contract.ts',
  '**/test-support/**/*.ts',
  'libs/testing/fixtures/**/*.ts',
  'test/**/*.ts',
];

const nodeGlobals = Object.fromEntries(
  [
    'AbortController',
    'Buffer',
    'URL',
    'TextDecoder',
    'TextEncoder',
    'clearInterval',
    'clearTimeout',
    'console',
    'fetch',
    'process',
    'setImmediate',
    'setInterval',
    'setTimeout',
    'structuredClone',
  ].map((name) => [name, 'readonly']),
);
const commonJsGlobals = {
  require: 'readonly',
  module: 'writable',
  exports: 'writable',
  __dirname: 'readonly',
  __filename: 'readonly',
};

export default defineConfig(
  globalIgnores(['**/node_modules/', '**/dist/', 'coverage/', 'data/', '.warden/', 'bench/results/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Library and service code logs through pino; the console is for scripts, benchmarks, infra and tests.
    files: ['apps/**', 'libs/**'],
    ignores: [...testFiles, '**/bench/**', '**/scripts/**'],
    rules: { 'no-console': 'error' },
  },
  {
    files: testFiles,
    rules: {
      // jest's `expect(obj.method)` and asymmetric matchers (`expect.any(String)`) trip these;
      // async callbacks without await are common in handlers and fakes passed to the code under test.
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: commonJsGlobals },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
