// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', '.test-tmp/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Type-aware rules: a promise nobody awaits loses its error (an unhandled rejection ends the
    // server) or runs out of order; one handed to a callback that ignores it is the same mistake.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['web/vite.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // JSX handlers (onClick={async () => …}) may return a promise: React ignores it by design.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // A module reaches another module through its service, never its repository (the owner's
    // rules and transactions stay with it); inside a module, `../repository.js` from a subfolder is
    // the module's own.
    files: ['src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)\\.\\./[a-z-]+/repository(\\.js)?$',
              message: "Another module's repository: go through that module's service.",
            },
          ],
        },
      ],
    },
  },
  {
    // Routes are thin: they call the module's service (use cases), which owns the queries.
    files: ['src/modules/*/routes.ts', 'src/modules/tracking/feeds.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)repository(\\.js)?$',
              message: 'Routes do not query: call the service (use case) instead.',
            },
          ],
        },
      ],
    },
  },
  {
    // The layers below the modules (pure rules, the database, what every route uses over HTTP,
    // the font every PDF embeds)
    // never import a module: the app's wiring (src/app.ts), the jobs and the demo sit above the
    // modules and import them, so the imports run one way.
    files: ['src/domain/**/*.ts', 'src/db/**/*.ts', 'src/http/**/*.ts', 'src/documents/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)modules/', message: 'A lower layer does not import a feature module.' }] },
      ],
    },
  },
  {
    // Above the modules, a module is reached through its service or routes, never its repository.
    files: ['src/*.ts', 'src/jobs/**/*.ts', 'src/demo/**/*.ts', 'src/cli/**/*.ts', 'src/simulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '/repository(\\.js)?$', message: "A module's repository is its own: go through its service." }] },
      ],
    },
  },
  {
    // Migrations are frozen against `Kysely<any>` on purpose: they must not follow today's schema types.
    files: ['src/db/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
