import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['.scratch-*/**', 'build/**', 'out/**', 'dist/**', 'node_modules/**', 'tests/artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.cjs', '**/*.mjs', 'bin/**', 'scripts/**', '.ci/**'], languageOptions: { globals: globals.node }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // Boundaries of the house (also pinned by tests/unit/boundaries.test.ts).
  {
    files: ['electron/core/**', 'electron/cli/**', 'electron/bureau/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The core, CLI and bureau run in plain Node.' }] }] },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['electron', 'fs', 'path', 'os', 'crypto'], patterns: [{ group: ['node:*'], message: 'shared/ runs in the browser too.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { paths: ['electron'], patterns: [{ group: ['node:*', '**/electron/**'], message: 'The renderer reaches data only through the contract client.' }] },
      ],
    },
  },
);
