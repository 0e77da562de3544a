import tseslint from 'typescript-eslint';

/** Environment variables are read in one place, runtime/config.ts, and each is in the README's table. */
const oneConfigModule = {
  object: 'process',
  property: 'env',
  message: 'read settings through runtime/config.ts (environment(), loadConfig())',
};

export default tseslint.config(
  { ignores: ['node_modules/', '.tools/', '.data/', 'dist/', 'test-artifacts/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Type-aware: a promise nobody awaits is a step that may run after the workflow, the test or the command
    // has moved on (or a rejection nobody sees).
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    // Tests and benchmarks set and read variables of their own for the processes they start.
    files: ['**/*.ts'],
    ignores: ['runtime/config.ts', 'test/**', 'bench/**'],
    rules: { 'no-restricted-properties': ['error', oneConfigModule] },
  },
  {
    // bin/ is plain CommonJS: the launchers and their build (bin/build.js), which run without tsx.
    files: ['bin/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Workflow code and the pure rules must stay deterministic and free of I/O.
    files: ['workflows/**/*.ts', 'governance/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'node:*',
            'fs',
            'path',
            'os',
            'crypto',
            'child_process',
            '@temporalio/client',
            '@temporalio/worker',
            '@temporalio/activity',
          ],
        },
      ],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random' }, oneConfigModule],
    },
  },
  {
    files: ['governance/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@temporalio/*', 'node:*', 'fs', 'path', 'os', 'crypto'] },
      ],
    },
  },
);
