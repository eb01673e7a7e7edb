import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import boundaries from 'eslint-plugin-boundaries';

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
  // Features import each other only through a feature's index.ts (the registry: its feature.ts),
  // and db/ imports no feature (ARCHITECTURE.md; issue 11). tests/unit/lint-boundaries.test.ts
  // shows a deep import across features failing this rule.
  {
    files: ['electron/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/include': ['electron/**/*.ts'],
      'boundaries/elements': [
        { type: 'core-db', pattern: 'electron/core/db' },
        { type: 'core-transport', pattern: 'electron/core/transport' },
        { type: 'core-feature', pattern: 'electron/core/*', capture: ['feature'] },
        { type: 'shell', pattern: 'electron/*', capture: ['part'] },
      ],
      // The house's own files at the core's root (host, registry, write context …).
      'boundaries/files': [{ category: 'core-house', pattern: 'electron/core/*.ts' }],
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            {
              to: { element: { type: 'core-feature' } },
              disallow: { to: { element: { fileInternalPath: '!{index,feature}.ts' } } },
              message: "Import another feature only through its index.ts (what it offers other features), not '{{to.element.fileInternalPath}}'.",
            },
            {
              from: { element: { type: 'core-db' } },
              disallow: { to: { element: { type: 'core-feature' } } },
              message: 'db/ imports no feature: what it needs comes in through the write context (electron/core/write-context.ts).',
            },
          ],
        },
      ],
    },
  },
);
