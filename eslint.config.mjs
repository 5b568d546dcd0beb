// ESLint: TypeScript rules everywhere, plus the process boundaries the architecture depends on:
// only the Electron shell (electron/shell) may import `electron`; shared/ runs in both processes, so it may use
// neither Node's modules nor the DOM; the renderer is sandboxed, so it may not use Node's modules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const electronBan = {
  name: 'electron',
  message: 'Only electron/shell may import electron: services, the CLI and the test host run under plain Node.',
};
const nodeBan = (where) => nodeModules.map((name) => ({ name, message: `${where} may not use Node's modules.` }));
// The same boundaries for relative imports: `../../electron/core/...` from the renderer is as wrong as `electron`.
const crossing = (who, dirs) => ({
  group: dirs.flatMap((d) => [`../**/${d}/**`, `./**/${d}/**`]),
  message: `${who} may not import from ${dirs.join(' or ')}/ (a process boundary): put what both sides need in shared/.`,
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Type-aware rules: a promise nobody waits for, or one handed to something that expects nothing back (an onClick,
    // a form's onSubmit), loses its error silently.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error', '@typescript-eslint/no-misused-promises': 'error' },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { paths: [electronBan] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Transactions are opened by electron/core/db/transaction.ts, which keeps PostgreSQL to one query at a time on the
    // transaction's connection (services read in parallel). The bench's raw-SQL floor is measured without it.
    files: ['electron/**'],
    ignores: ['electron/core/db/transaction.ts', 'electron/bench/**', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='transaction'][arguments.0.type=/FunctionExpression$/]",
          message:
            'Open a transaction with inTransaction(ds, work) from electron/core/db/transaction.ts: on PostgreSQL it sends one query at a time.',
        },
      ],
    },
  },
  {
    files: ['electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronBan], patterns: [crossing('The main process', ['renderer'])] }] },
  },
  {
    files: ['electron/shell/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['e2e/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['shared/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronBan, ...nodeBan('shared/')], patterns: [crossing('shared/', ['electron', 'renderer'])] },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'fetch', 'process', 'Buffer', 'require', '__dirname'].map(
          (name) => ({ name, message: 'shared/ runs in both processes: no DOM or Node globals.' }),
        ),
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { paths: [electronBan, ...nodeBan('The sandboxed renderer')], patterns: [crossing('The renderer', ['electron'])] },
      ],
      // Query keys come from the contract (renderer/src/lib/query-keys.ts): an array written by hand can misspell an
      // operation and leave a screen that is never refreshed.
      'no-restricted-syntax': [
        'error',
        ...[
          "Property[key.name='queryKey'] > ArrayExpression",
          "Property[key.name='queryKey'] > TSAsExpression > ArrayExpression",
          'CallExpression[callee.property.name=/^(setQueryData|getQueryData|setQueriesData|getQueriesData|removeQueries|cancelQueries)$/] > ArrayExpression.arguments:first-child',
        ].map((selector) => ({
          selector,
          message: "Write a query key with qk('operation', ...) from renderer/src/lib/query-keys.ts, so the typecheck knows the operation.",
        })),
      ],
    },
  },
  {
    files: ['renderer/vite.config.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
